import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient, RedisUnavailableError } from '@know-foolery/shared/redis';
import {
  freePort,
  ManualClock,
  RedisProcesses,
  redisServerInstalled,
  testRedisConfig,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenRevocations } from '../src/data/redis-token-revocations.js';
import { redisStore } from './redis-store-harness.js';
import { testSession } from './session-store-fixtures.js';

const canStartServers = await redisServerInstalled();
const policy = { ttlSeconds: 3_600, maxLifetimeSeconds: 4 * 3_600, maxPerUser: 3 };

describe.skipIf(!canStartServers)('the Redis session store when Redis goes away', () => {
  const servers = new RedisProcesses();
  const clock = new ManualClock('2025-03-01T10:00:00.000Z');
  let port: number;
  let redis: RedisClient;

  beforeAll(async () => {
    port = await freePort();
    await servers.startServer(port);
    redis = new RedisClient({
      config: testRedisConfig(),
      url: `redis://127.0.0.1:${port}`,
      metrics: createMetricsRegistry(),
    });
    await redis.connect();
  });

  afterAll(async () => {
    await redis.close();
    await servers.stopAll();
  });

  it('answers every call with RedisUnavailableError, and serves again once Redis is back', async () => {
    const store = redisStore(redis, clock);
    const revocations = new RedisTokenRevocations({ redis, clock, maxTokenLifetimeSeconds: 3_600 });
    const session = testSession('alice', { now: clock.now(), policy });
    await store.add(session, policy.maxPerUser);

    servers.kill(port);
    const calls = [
      () => store.find(session.handle),
      () => store.add(testSession('alice', { now: clock.now(), policy }), policy.maxPerUser),
      () => store.listByUser('alice'),
      () => store.replace(session, session.credentialsVersion),
      () => store.rotate(session.handle, testSession('alice', { now: clock.now(), policy })),
      () => store.remove(session.handle),
      () => store.removeByUser('alice'),
      () => store.pruneIndexes(),
      () => store.ping(),
      () => revocations.revokeBefore('alice', clock.now()),
      () => revocations.revokedBefore('alice'),
    ];
    for (const call of calls) await expect(call()).rejects.toThrow(RedisUnavailableError);

    await servers.startServer(port);
    const back = testSession('bob', { now: clock.now(), policy });
    await expect
      .poll(() => store.add(back, policy.maxPerUser).catch(() => undefined), { timeout: 10_000 })
      .toEqual([]);
    expect(await store.find(back.handle)).toEqual(back);
  });
});
