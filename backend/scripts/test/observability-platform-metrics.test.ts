import { describe, expect, it } from 'vitest';
import { isPlatformSeries, selectedSeries } from '../src/observability/platform-metrics.js';

describe('selectedSeries', () => {
  it.each([
    { expr: 'up{job="know-foolery"} == 0', series: ['up'] },
    {
      expr: 'histogram_quantile(0.99, sum by (service, le) (rate(http_server_request_duration_seconds_bucket{service=~"$service"}[$__rate_interval])))',
      series: ['http_server_request_duration_seconds_bucket'],
    },
    {
      expr: 'service:http_server_error_ratio:rate5m > 0.05 and on (service) service:http_server_requests:rate5m > 0.05',
      series: ['service:http_server_error_ratio:rate5m', 'service:http_server_requests:rate5m'],
    },
    {
      expr: 'db_pool_connections{state="total"} / ignoring (state) db_pool_max_connections > 0.9',
      series: ['db_pool_connections', 'db_pool_max_connections'],
    },
    {
      expr: 'sum by (verdict) (rate(game_answers_total[1m])) / ignoring (verdict) group_left sum(rate(game_answers_total[1m]))',
      series: ['game_answers_total'],
    },
    { expr: 'max_over_time(circuit_breaker_state[1m]) == 2', series: ['circuit_breaker_state'] },
    { expr: 'x{label="a}b(c)"} offset 5m', series: ['x'] },
  ])('$expr selects $series', ({ expr, series }) => {
    expect(selectedSeries(expr)).toEqual(series);
  });
});

describe('isPlatformSeries', () => {
  it('knows counters and gauges by name, histograms by their series', () => {
    expect(isPlatformSeries('games_started_total')).toBe(true);
    expect(isPlatformSeries('dependency_up')).toBe(true);
    expect(isPlatformSeries('http_server_request_duration_seconds_bucket')).toBe(true);
    expect(isPlatformSeries('cache_load_duration_seconds_count')).toBe(true);
    expect(isPlatformSeries('http_server_request_duration_seconds')).toBe(false);
    expect(isPlatformSeries('games_started')).toBe(false);
    expect(isPlatformSeries('game_answer_total')).toBe(false);
  });
});
