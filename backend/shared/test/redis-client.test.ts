import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../src/observability/index.js';
import { RedisClient, RedisUnavailableError, taggedKey } from '../src/redis/index.js';
import { freePort } from '../src/testing/free-port.js';
import {
  deleteKeys,
  findTestRedis,
  redisCli,
  redisServerInstalled,
  testKeyPrefix,
  testRedisConfig,
} from '../src/testing/redis.js';
import { RedisProcesses } from '../src/testing/redis-processes.js';

const url = await findTestRedis();
const canStartServers = await redisServerInstalled();

async function metricValue(registry: ReturnType<typeof createMetricsRegistry>, name: string, labels = {}) {
  const metric = (await registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  const value = metric?.values.find((candidate) =>
    Object.entries(labels).every(([key, expected]) => candidate.labels[key] === expected),
  );
  return value?.value;
}

describe.skipIf(url === null)('the Redis client against a real server', () => {
  const serverUrl = url ?? '';
  const keyPrefix = testKeyPrefix('redis-client');
  const registry = createMetricsRegistry({ service: 'test' });
  const redis = new RedisClient({
    config: testRedisConfig({ keyPrefix }),
    url: serverUrl,
    metrics: registry,
  });

  beforeAll(async () => {
    await redis.connect();
  });

  afterAll(async () => {
    await redis.close();
    await deleteKeys(serverUrl, keyPrefix);
  });

  it('runs commands under the key prefix and records them', async () => {
    await redis.run('set', (connection) => connection.set('greeting', 'hello', 'EX', 60));
    expect(await redis.run('get', (connection) => connection.get('greeting'))).toBe('hello');
    expect(await redisCli(serverUrl, 'GET', `${keyPrefix}greeting`)).toBe('hello');
    expect(await metricValue(registry, 'redis_client_commands_total', { command: 'get' })).toBe(1);
    expect(await metricValue(registry, 'redis_client_connected', { connection: 'command' })).toBe(1);
    const latency = (await registry.getMetricsAsJSON()).find(
      (metric) => metric.name === 'redis_client_command_duration_seconds',
    );
    expect(latency?.values.some((value) => value.labels.command === 'set')).toBe(true);
  });

  it('passes error replies through without counting them against the server', async () => {
    await redis.run('set', (connection) => connection.set('text', 'not a list', 'EX', 60));
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(redis.run('lpush', (connection) => connection.lpush('text', 'x'))).rejects.toMatchObject({
        name: 'ReplyError',
        message: expect.stringMatching(/^WRONGTYPE/),
      });
    }
    expect(redis.breakerState).toBe('closed');
    expect(await metricValue(registry, 'redis_client_command_failures_total', { reason: 'rejected' })).toBe(
      5,
    );
  });

  it('runs multi-key transactions on keys with one hash tag', async () => {
    const first = taggedKey('player:7', 'a');
    const second = taggedKey('player:7', 'b');
    await redis.run('multi', (connection) =>
      connection.multi().set(first, '1', 'EX', 60).set(second, '2', 'EX', 60).exec(),
    );
    expect(await redis.run('mget', (connection) => connection.mget(first, second))).toEqual(['1', '2']);
  });

  it('delivers messages on its own subscriber connection', async () => {
    const subscriber = await redis.subscriber();
    const received = new Promise<string>((resolve) =>
      subscriber.once('message', (_channel, message) => resolve(message)),
    );
    await subscriber.subscribe(`${keyPrefix}events`);
    await redis.run('publish', (connection) => connection.publish(`${keyPrefix}events`, 'ping'));
    expect(await received).toBe('ping');
    expect(await redis.run('get', (connection) => connection.get('greeting'))).toBe('hello');
  });

  it('reports its mode and the server role', async () => {
    expect(await redis.health()).toMatchObject({
      mode: 'single',
      role: 'master',
      latencyMs: expect.any(Number),
    });
  });
});

describe.skipIf(!canStartServers)('the Redis client when the server goes away and comes back', () => {
  const processes = new RedisProcesses();
  const registry = createMetricsRegistry();
  let port = 0;
  let redis: RedisClient;

  beforeAll(async () => {
    port = await freePort();
    await processes.startServer(port);
    redis = new RedisClient({
      config: testRedisConfig({ breakerFailureThreshold: 2, breakerHalfOpenAfterMs: 300 }),
      url: `redis://127.0.0.1:${port}`,
      metrics: registry,
    });
    await redis.connect();
  });

  afterAll(async () => {
    await redis.close();
    await processes.stopAll();
  });

  it('fails fast with RedisUnavailableError once the breaker opens, and recovers without a restart', async () => {
    await redis.run('set', (connection) => connection.set('k', 'v'));
    processes.kill(port);
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(redis.run('get', (connection) => connection.get('k'))).rejects.toBeInstanceOf(
        RedisUnavailableError,
      );
    }
    expect(redis.breakerState).toBe('open');
    const started = performance.now();
    const refused = await redis
      .run('get', (connection) => connection.get('k'))
      .catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(20);
    expect(refused).toMatchObject({
      statusCode: 503,
      code: 'REDIS_UNAVAILABLE',
      headers: { 'retry-after': '1' },
    });
    expect(await metricValue(registry, 'redis_client_breaker_state')).toBe(2);
    expect(await metricValue(registry, 'redis_client_connected', { connection: 'command' })).toBe(0);

    await processes.startServer(port);
    const deadline = performance.now() + 10_000;
    let answer: string | null | undefined;
    while (answer === undefined && performance.now() < deadline) {
      answer = await redis.run('set', (connection) => connection.set('k', 'back')).catch(() => undefined);
      if (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(answer).toBe('OK');
    expect(redis.breakerState).toBe('closed');
    expect(await metricValue(registry, 'redis_client_breaker_state')).toBe(0);
    expect(
      await metricValue(registry, 'redis_client_reconnects_total', { connection: 'command' }),
    ).toBeGreaterThan(0);
  });
});
