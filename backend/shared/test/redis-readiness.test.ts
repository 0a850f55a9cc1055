import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceApp, redisReadiness } from '../src/http-server/index.js';
import { createMetricsRegistry } from '../src/observability/index.js';
import { RedisClient } from '../src/redis/index.js';
import { findTestRedis, testKeyPrefix, testRedisConfig } from '../src/testing/redis.js';
import { testAuth } from '../src/testing/tokens.js';

const url = await findTestRedis();

function appWith(redis: RedisClient, cacheOnly: boolean) {
  return createServiceApp({
    service: 'probe-service',
    version: 'test',
    auth: testAuth().provider,
    readiness: [redisReadiness(redis, { cacheOnly })],
    readinessTimeoutMs: 1_000,
  });
}

describe.skipIf(url === null)('Redis in readiness', () => {
  const config = testRedisConfig({ keyPrefix: testKeyPrefix('redis-readiness') });
  const up = new RedisClient({ config, url: url ?? '', metrics: createMetricsRegistry() });
  // Nothing listens on port 1: every PING is refused.
  const down = new RedisClient({ config, url: 'redis://127.0.0.1:1', metrics: createMetricsRegistry() });
  const apps = [appWith(up, false), appWith(down, false), appWith(down, true)];

  beforeAll(async () => {
    await up.connect();
    await down.connect().catch(() => undefined);
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await up.close();
    await down.close();
  });

  it('reports the mode and role of a Redis that answers', async () => {
    const response = await apps[0]?.inject({ method: 'GET', url: '/health/ready' });
    expect(response?.statusCode).toBe(200);
    expect(response?.json()).toMatchObject({
      status: 'ready',
      checks: { redis: { status: 'up', mode: 'single', role: 'master', latencyMs: expect.any(Number) } },
    });
  });

  it('is not ready without a Redis the service needs', async () => {
    const response = await apps[1]?.inject({ method: 'GET', url: '/health/ready' });
    expect(response?.statusCode).toBe(503);
    expect(response?.json()).toMatchObject({ status: 'not_ready', checks: { redis: { status: 'down' } } });
  });

  it('stays ready, degraded, when Redis is only its cache', async () => {
    const response = await apps[2]?.inject({ method: 'GET', url: '/health/ready' });
    expect(response?.statusCode).toBe(200);
    expect(response?.json()).toMatchObject({ status: 'degraded', checks: { redis: { status: 'degraded' } } });
  });
});
