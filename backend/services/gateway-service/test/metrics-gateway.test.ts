import { createMetricsRegistry, type MetricsRegistry } from '@know-foolery/shared/observability';
import { scrapedValue } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { auth, DEFAULT_RATE_LIMIT, gatewayDeps } from './harness.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

/** Nothing listens on port 1: every call is refused. */
const CLOSED_PORT_URL = 'http://127.0.0.1:1';

/** The series of a histogram, counted by their `_count` lines. */
async function seriesCount(registry: MetricsRegistry, histogram: string): Promise<number> {
  return (await registry.metrics()).split('\n').filter((line) => line.startsWith(`${histogram}_count{`))
    .length;
}

describe('the gateway’s metrics', () => {
  const registry = createMetricsRegistry();
  let stubs: UpstreamStubs;
  let gateway: ReturnType<typeof buildApp>;
  let player: string;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    const deps = gatewayDeps(stubs, {
      upstreams: { ...stubs.urls, leaderboard: CLOSED_PORT_URL },
      // One client sends every request here: a 429 would be a series of its own.
      rateLimit: { ...DEFAULT_RATE_LIMIT, addressMax: 100_000, max: 100_000 },
    });
    gateway = buildApp({ ...deps, metrics: registry });
    await gateway.ready();
    player = await auth.bearer('alice', ['player']);
  });
  afterAll(async () => {
    await gateway.close();
    await stubs.close();
  });

  const get = async (url: string) =>
    (await gateway.inject({ method: 'GET', url, headers: { authorization: player } })).statusCode;

  it('times each proxied call by upstream and status, `error` when none answered', async () => {
    expect(await get('/api/v1/themes')).toBe(200);
    expect(await get('/api/v1/games/g-1/question')).toBe(200);
    expect(await get('/api/v1/leaderboard')).toBe(503);

    const upstream = 'gateway_upstream_request_duration_seconds_count';
    expect(await scrapedValue(registry, `${upstream}{upstream="question-service",status_code="200"}`)).toBe(
      1,
    );
    expect(await scrapedValue(registry, `${upstream}{upstream="game-service",status_code="200"}`)).toBe(1);
    expect(
      await scrapedValue(registry, `${upstream}{upstream="leaderboard-service",status_code="error"}`),
    ).toBe(1);
    // Refused before any proxying (no token on a player route): no upstream call to time.
    expect((await gateway.inject({ method: 'GET', url: '/api/v1/games/g-1/question' })).statusCode).toBe(401);
    expect(await scrapedValue(registry, `${upstream}{upstream="game-service",status_code="200"}`)).toBe(1);
  });

  it('records proxied requests under the proxy’s route template, and unknown paths as unmatched', async () => {
    const text = await registry.metrics();
    const routes = new Set(
      [...text.matchAll(/^http_server_request_duration_seconds_count\{[^}]*route="([^"]+)"/gm)].map(
        (match) => match[1],
      ),
    );
    expect([...routes].every((route) => route === 'unmatched' || !/g-1|alice/.test(route ?? ''))).toBe(true);
    expect(routes).toContain('/api/v1/games/*');
  });

  it('keeps the series of both histograms the same through 1,000 ids and 1,000 unknown paths', async () => {
    await get('/api/v1/games/warm-up/question');
    await get('/not/a/route');
    const requests = await seriesCount(registry, 'http_server_request_duration_seconds');
    const upstream = await seriesCount(registry, 'gateway_upstream_request_duration_seconds');
    for (let index = 0; index < 1_000; index += 1) {
      await get(`/api/v1/games/game-${index}/question?n=${index}`);
      await get(`/unknown-${index}/path/${index * 7919}`);
    }
    expect(await seriesCount(registry, 'http_server_request_duration_seconds')).toBe(requests);
    expect(await seriesCount(registry, 'gateway_upstream_request_duration_seconds')).toBe(upstream);
  });
});
