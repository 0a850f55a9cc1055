import { SERVICE_NAMES } from '@know-foolery/shared/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServices, startPlatform, startServices } from '../src/platform.js';

/** Every series of one metric in a scrape, as its lines. */
function linesOf(scrape: string, metric: string): string[] {
  return scrape.split('\n').filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `));
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

describe('every service serves its metrics on a port of its own', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;

  beforeAll(async () => {
    platform = await startPlatform({ dialect: 'sqlite' });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it.each(SERVICE_NAMES)(
    '%s-service: runtime and request metrics, labelled with the service',
    async (name) => {
      await fetch(`${platform.urls[name]}/health/live`);
      const text = await scrape(platform.metricsUrls[name]);
      const service = `service="${name}-service"`;
      for (const metric of [
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_heap_size_used_bytes',
      ]) {
        expect(linesOf(text, metric).join('\n')).toContain(service);
      }
      expect(text).toContain(
        `http_server_request_duration_seconds_count{${service},method="GET",route="/health/live",status_code="200"}`,
      );
    },
  );

  it('keeps metrics off the public door: the gateway has no /metrics, and proxies none', async () => {
    for (const path of ['/metrics', '/api/v1/metrics', '/api/v1/games/metrics']) {
      const response = await fetch(`${platform.gatewayUrl}${path}`);
      expect(await response.text()).not.toContain('# TYPE');
    }
    expect(new URL(platform.metricsUrls.gateway).port).not.toBe(new URL(platform.gatewayUrl).port);
  });

  it('times the gateway’s calls to each upstream; game-service counts only games that start', async () => {
    const player = await platform.tokens.bearer('metrics-player', ['player']);
    const started = await fetch(`${platform.gatewayUrl}/api/v1/games`, {
      method: 'POST',
      headers: { authorization: player, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    // The question bank is empty: refused, yet timed at the gateway like any answer.
    expect(started.status).toBe(422);
    const gateway = await scrape(platform.metricsUrls.gateway);
    expect(linesOf(gateway, 'gateway_upstream_request_duration_seconds_count').join('\n')).toContain(
      `upstream="game-service",status_code="${started.status}"`,
    );
    const game = await scrape(platform.metricsUrls.game);
    expect(linesOf(game, 'games_started_total')).toEqual(['games_started_total{service="game-service"} 0']);
  });
});

describe('a service run as a process', () => {
  let services: RunningServices<'user'>;

  beforeAll(async () => {
    services = await startServices(['user'], { dialect: 'sqlite', processes: ['user'] });
  });
  afterAll(async () => {
    await services?.stop();
  });

  it('serves its metrics at the same address after a restart', async () => {
    const before = await scrape(services.metricsUrls.user);
    expect(before).toContain('dependency_up{dependency="database",service="user-service"} 1');
    await services.restart('user');
    expect(await scrape(services.metricsUrls.user)).toContain(
      '# TYPE http_server_request_duration_seconds histogram',
    );
  });
});
