import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirstLevel } from '../src/cache/first-level.js';
import type { CacheErrorOperation } from '../src/cache/index.js';
import { RedisBus } from '../src/cache/redis-bus.js';
import { RedisLevel } from '../src/cache/redis-level.js';
import { createMetricsRegistry } from '../src/observability/index.js';
import { RedisClient } from '../src/redis/index.js';
import { freePort } from '../src/testing/free-port.js';
import { deleteKeys, findTestRedis, redisCli, testKeyPrefix, testRedisConfig } from '../src/testing/redis.js';
import { waitFor } from '../src/testing/redis-processes.js';
import { metricValue } from './cache-harness.js';

const url = await findTestRedis();

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** An entry as bentocache hands it to its levels, as JSON. */
const entryText = (version: number) =>
  JSON.stringify({ value: { data: { version } }, createdAt: 1, logicalExpiration: 2 });

describe('the first level, as a bentocache memory driver', () => {
  const open = () => new FirstLevel({ prefix: 'cache:drivers:kind', maxItems: 10, maxTtlMs: 60_000 });

  it('holds what it is handed as JSON as the entry object', () => {
    const level = open();
    level.set('a', entryText(1), 1_000);
    expect(level.get('a')).toEqual(JSON.parse(entryText(1)));
  });

  it('keeps no entry longer than its longest TTL, whatever the TTL asked for', () => {
    const level = open();
    level.set('long', entryText(1), 3_600_000);
    level.set('short', entryText(1), 1_000);
    level.set('unsaid', entryText(1));
    const remaining = ['long', 'short', 'unsaid'].map((key) => level.getRemainingTtl(key) ?? 0);
    expect(remaining.every((ttl) => ttl > 0)).toBe(true);
    expect(remaining.map((ttl) => ttl <= 60_000)).toEqual([true, true, true]);
    expect(remaining[1]).toBeLessThanOrEqual(1_000);
    expect(remaining[2]).toBeGreaterThan(1_000);
  });

  it('takes an entry out, deletes one or many, and forgets every one when cleared', () => {
    const level = open();
    for (const key of ['a', 'b', 'c', 'd']) level.set(key, entryText(1), 1_000);
    expect(level.pull('a')).toEqual(JSON.parse(entryText(1)));
    expect(level.get('a')).toBeUndefined();
    expect([level.delete('b'), level.delete('b')]).toEqual([true, false]);
    expect(level.deleteMany(['c'])).toBe(true);
    expect(level.get('c')).toBeUndefined();
    level.clear();
    expect(level.get('d')).toBeUndefined();
  });

  it('refuses namespaces, naming the one asked for', () => {
    expect(() => open().namespace('other')).toThrow('cache namespaces are not used (asked for "other")');
  });
});

describe.skipIf(url === null)('the Redis level and the bus, as bentocache drivers', () => {
  const serverUrl = url ?? '';
  const keyPrefix = testKeyPrefix('cache-drivers');
  const metrics = createMetricsRegistry();
  const errors: CacheErrorOperation[] = [];
  const redis = new RedisClient({ config: testRedisConfig({ keyPrefix }), url: serverUrl, metrics });
  const level = new RedisLevel(redis, 'cache:drivers:kind', (operation) => errors.push(operation));
  const pttl = async (key: string) =>
    Number(await redisCli(serverUrl, 'PTTL', `${keyPrefix}cache:drivers:kind:${key}`));
  const commands = (command: string) => metricValue(metrics, 'redis_client_commands_total', { command });

  beforeAll(async () => {
    await redis.connect();
  });

  afterAll(async () => {
    await redis.close();
    await deleteKeys(serverUrl, keyPrefix);
  });

  it('writes a value under its prefix for the TTL asked for, and reads it back', async () => {
    expect(await level.get('a')).toBeUndefined();
    expect(await level.set('a', 'text', 5_000)).toBe(true);
    expect(await level.get('a')).toBe('text');
    expect(await pttl('a')).toBeGreaterThan(0);
    expect(await pttl('a')).toBeLessThanOrEqual(5_000);
    expect([await commands('cache:get'), await commands('cache:set')]).toEqual([2, 1]);
  });

  it('keeps a value written without a TTL for a week, never for ever', async () => {
    await level.set('unsaid', 'text');
    expect(await pttl('unsaid')).toBeGreaterThan(WEEK_MS - 60_000);
    expect(await pttl('unsaid')).toBeLessThanOrEqual(WEEK_MS);
  });

  it('takes a value out, and deletes one or many, saying whether one was there', async () => {
    await level.set('b', 'one', 5_000);
    expect(await level.pull('b')).toBe('one');
    expect([await level.get('b'), await level.pull('b')]).toEqual([undefined, undefined]);
    await level.set('c', 'one', 5_000);
    expect([await level.delete('c'), await level.delete('c')]).toEqual([true, false]);
    await level.set('d', 'one', 5_000);
    await level.set('e', 'one', 5_000);
    expect(await level.deleteMany(['d', 'e'])).toBe(true);
    expect([await level.get('d'), await level.get('e')]).toEqual([undefined, undefined]);
    expect([await commands('cache:getdel'), await commands('cache:unlink')]).toEqual([2, 4]);
  });

  it('refuses to clear a whole cache or to make namespaces', async () => {
    await expect(level.clear()).rejects.toThrow(
      'clearing a whole cache in Redis is not offered: invalidate by tag',
    );
    expect(() => level.namespace('other')).toThrow('cache namespaces are not used (asked for "other")');
  });

  it('counts a command Redis did not answer by what it was for, and rethrows it', async () => {
    const unreachable = new RedisClient({
      config: testRedisConfig({ keyPrefix }),
      url: `redis://127.0.0.1:${await freePort()}`,
      metrics: createMetricsRegistry(),
    });
    const failed: CacheErrorOperation[] = [];
    const down = new RedisLevel(unreachable, 'cache:drivers:kind', (operation) => failed.push(operation));
    try {
      await expect(down.get('a')).rejects.toThrow();
      await expect(down.pull('a')).rejects.toThrow();
      await expect(down.set('a', 'text', 1_000)).rejects.toThrow();
      await expect(down.delete('a')).rejects.toThrow();
      expect(failed).toEqual(['redis-read', 'redis-read', 'redis-write', 'redis-delete']);
      expect(down.writeFailures).toBe(1);
    } finally {
      await unreachable.close();
    }
  });

  it('listens on several channels over the one subscriber connection, handing over each message once', async () => {
    const bus = new RedisBus(redis, {
      channelPrefix: `${keyPrefix}bus:`,
      resubscribeDelayMs: 100,
      onError: () => {},
    });
    bus.setId('this-bus');
    const heard: string[] = [];
    await Promise.all(
      ['one', 'two'].map((channel) =>
        bus.subscribe(channel, () => {
          heard.push(channel);
        }),
      ),
    );
    await bus.subscribed();
    const message = JSON.stringify({ busId: 'another-bus', payload: { keys: ['k'], type: 'set' } });
    await redisCli(serverUrl, 'PUBLISH', `${keyPrefix}bus:one`, message);
    await redisCli(serverUrl, 'PUBLISH', `${keyPrefix}bus:two`, message);
    await waitFor('both messages', async () => heard.length >= 2, 5_000);
    await bus.disconnect();
    expect(heard.sort()).toEqual(['one', 'two']);
  });

  it('stops listening on a channel it leaves; leaving one it never joined changes nothing', async () => {
    const bus = new RedisBus(redis, {
      channelPrefix: `${keyPrefix}bus:`,
      resubscribeDelayMs: 100,
      onError: () => {},
    });
    await bus.unsubscribe('never');
    await bus.subscribe('left', () => {});
    await bus.subscribed();
    const listeners = () => redisCli(serverUrl, 'PUBSUB', 'NUMSUB', `${keyPrefix}bus:left`);
    expect(await listeners()).toBe(`${keyPrefix}bus:left\n1`);
    await bus.unsubscribe('left');
    expect(await listeners()).toBe(`${keyPrefix}bus:left\n0`);
    await bus.disconnect();
  });
});
