import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import {
  deleteKeys,
  findTestRedis,
  redisCli,
  testKeyPrefix,
  testRedisConfig,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryWindows } from '../src/edge/memory-windows.js';
import { RedisWindows, windowCount, windowKey } from '../src/edge/redis-windows.js';
import { describeWindowCounterContract } from './window-counter-contract.js';

const url = await findTestRedis();

function redisClient(serverUrl: string, keyPrefix: string): RedisClient {
  return new RedisClient({
    config: testRedisConfig({ keyPrefix }),
    url: serverUrl,
    metrics: createMetricsRegistry(),
  });
}

/** Each key under `prefix` with its PTTL in milliseconds (-1: no expiry), but those gone meanwhile. */
async function storedTtls(serverUrl: string, prefix: string): Promise<Map<string, number>> {
  const keys = (await redisCli(serverUrl, '--scan', '--pattern', `${prefix}*`)).split('\n').filter(Boolean);
  const ttls = new Map<string, number>();
  for (const key of keys) {
    const ttl = Number(await redisCli(serverUrl, 'PTTL', key));
    if (ttl !== -2) ttls.set(key, ttl);
  }
  return ttls;
}

describe("the rate-limit script's reply", () => {
  it('reads the count and the time left', () => {
    expect(windowCount([3, 59_000])).toEqual({ current: 3, ttl: 59_000 });
  });

  it.each([
    ['not a list', 3],
    ['a count that is no number', ['3', 59_000]],
    ['a time left that is no number', [3, '59000']],
    ['no time left', [3]],
    ['nothing', null],
  ])('refuses %s', (_, reply) => {
    expect(() => windowCount(reply)).toThrow('the rate-limit script answered in an unexpected shape');
  });
});

describe.skipIf(url === null)('windows counted in Redis', () => {
  const serverUrl = url ?? '';
  const keyPrefix = testKeyPrefix('redis-windows');
  const redis = redisClient(serverUrl, keyPrefix);
  // A fallback that answers what memory never would, so a hit served from it cannot pass for Redis's.
  const refusingFallback = new RedisWindows(redis, {
    hit: () => Promise.reject(new Error('counted in the fallback, not in Redis')),
  });

  beforeAll(async () => {
    await redis.connect();
  });

  afterAll(async () => {
    await redis.close();
    await deleteKeys(serverUrl, keyPrefix);
  });

  describeWindowCounterContract('Redis', () => refusingFallback);

  it('leaves no key without an expiry', async () => {
    await refusingFallback.hit('ttl-check', 60_000);
    const ttls = await storedTtls(serverUrl, keyPrefix);
    expect(ttls.size).toBeGreaterThan(0);
    for (const [key, ttl] of ttls) {
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(60_000);
    }
  });

  it('gives a counter found without an expiry one, counting on from it', async () => {
    const key = `${keyPrefix}${windowKey('left-behind')}`;
    await redisCli(serverUrl, 'SET', key, '7');
    expect(await refusingFallback.hit('left-behind', 60_000)).toEqual({ current: 8, ttl: 60_000 });
    expect(Number(await redisCli(serverUrl, 'PTTL', key))).toBeGreaterThan(59_000);
  });
});

describe('windows counted in Redis while it cannot answer', () => {
  const redis = redisClient('redis://127.0.0.1:1', 'kf-test:unreachable:');

  afterAll(async () => {
    await redis.close();
  });

  it('count in the fallback instead', async () => {
    const windows = new RedisWindows(redis, new MemoryWindows());
    const counts = [];
    for (let index = 0; index < 3; index += 1) counts.push((await windows.hit('alice', 60_000)).current);
    expect(counts).toEqual([1, 2, 3]);
  });
});
