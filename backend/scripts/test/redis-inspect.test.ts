import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient, taggedKey } from '@know-foolery/shared/redis';
import { deleteKeys, findTestRedis, testKeyPrefix, testRedisConfig } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGroups, inspectKeys } from '../src/redis/inspect.js';

const url = await findTestRedis();

describe.skipIf(url === null)('redis:inspect', () => {
  const serverUrl = url ?? '';
  const keyPrefix = testKeyPrefix('redis-inspect');
  const redis = new RedisClient({
    config: testRedisConfig({ keyPrefix }),
    url: serverUrl,
    metrics: createMetricsRegistry(),
  });

  beforeAll(async () => {
    await redis.connect();
    await redis.run('seed', (connection) =>
      connection
        .multi()
        .set('session:a', 'x'.repeat(100), 'EX', 60)
        .set('session:b', 'y', 'EX', 30)
        .set('rate-limit:all:user:1', '1')
        .set(taggedKey('user:1', 'sessions'), 'z', 'EX', 90)
        .exec(),
    );
  });

  afterAll(async () => {
    await redis.close();
    await deleteKeys(serverUrl, keyPrefix);
  });

  it('counts the keys under the prefix by group, with their memory and TTLs', async () => {
    const groups = await inspectKeys(redis, keyPrefix);
    expect(groups).toEqual([
      {
        group: '{user:1}',
        keys: 1,
        bytes: expect.any(Number),
        withoutTtl: 0,
        minTtlMs: expect.any(Number),
        maxTtlMs: expect.any(Number),
      },
      {
        group: 'rate-limit',
        keys: 1,
        bytes: expect.any(Number),
        withoutTtl: 1,
        minTtlMs: null,
        maxTtlMs: null,
      },
      {
        group: 'session',
        keys: 2,
        bytes: expect.any(Number),
        withoutTtl: 0,
        minTtlMs: expect.any(Number),
        maxTtlMs: expect.any(Number),
      },
    ]);
    const sessions = groups[2];
    expect(sessions?.bytes).toBeGreaterThan(100);
    expect(sessions?.minTtlMs).toBeLessThanOrEqual(30_000);
    expect(sessions?.maxTtlMs).toBeGreaterThan(30_000);
    const report = formatGroups(groups);
    expect(report).toMatch(/^group\s+keys\s+bytes\s+no TTL\s+min TTL s\s+max TTL s$/m);
    expect(report).toMatch(/^session\s+2\s+\d+\s+0\s+\d+\s+60$/m);
    expect(report).toContain('1 key has no TTL');
  });
});
