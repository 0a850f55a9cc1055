import { afterEach, describe, expect, it } from 'vitest';
import { findTestRedis, redisCli, testKeyPrefix } from '../src/testing/redis.js';
import { waitFor } from '../src/testing/redis-processes.js';
import { sleep } from '../src/utils/index.js';
import {
  metricValue,
  RecordingLogger,
  type RedisInstance,
  RedisInstances,
  Source,
  versionedKind,
} from './cache-harness.js';

const url = await findTestRedis();

describe.skipIf(url === null)('the platform cache on Redis, with two instances', () => {
  const serverUrl = url ?? '';
  const keyPrefix = testKeyPrefix('cache-redis');
  const instances = new RedisInstances(serverUrl, keyPrefix);

  const lookups = (on: RedisInstance, level: 'l1' | 'l2', result?: 'hit' | 'miss') =>
    metricValue(on.metrics, 'cache_lookups_total', {
      cache: 'two:versioned',
      level,
      ...(result === undefined ? {} : { result }),
    });

  const commands = (on: RedisInstance, command: string) =>
    metricValue(on.metrics, 'redis_client_commands_total', { command });

  afterEach(async () => {
    await instances.closeAll();
  });

  it('says it is on Redis', async () => {
    expect((await instances.open()).cache.mode).toBe('redis');
  });

  it('loads once for 1,000 concurrent callers, and the other instance reads it from Redis', async () => {
    const [a, b] = [await instances.open(), await instances.open()];
    const [onA, onB] = [a.cache.define(versionedKind()), b.cache.define(versionedKind())];
    const source = new Source();
    const slowLoad = async () => {
      await sleep(20);
      return source.load();
    };
    const results = await Promise.all(
      Array.from({ length: 1_000 }, () => onA.getOrLoad('stampede', { tags: [], load: slowLoad })),
    );
    expect(source.loads).toBe(1);
    expect(results.every((result) => result.version === 1)).toBe(true);
    expect(await onB.getOrLoad('stampede', { tags: [], load: slowLoad })).toEqual({ version: 1 });
    expect(source.loads).toBe(1);
    expect(await lookups(a, 'l1', 'hit')).toBe(999);
    // Only the lookup that missed memory went on to Redis, once for all 1,000 callers.
    expect([await lookups(a, 'l1', 'miss'), await lookups(a, 'l2'), await lookups(a, 'l2', 'miss')]).toEqual([
      1, 1, 1,
    ]);
    expect([await commands(a, 'cache:get'), await commands(a, 'cache:set')]).toEqual([1, 1]);
    expect([await lookups(b, 'l1', 'miss'), await lookups(b, 'l2', 'hit')]).toEqual([1, 1]);
    expect(await commands(b, 'cache:get')).toBe(1);
  });

  it('counts a failed load with nothing to fall back on as a miss at both levels', async () => {
    const a = await instances.open();
    const source = new Source();
    source.failing = true;
    await expect(
      a.cache.define(versionedKind()).getOrLoad('absent', { tags: [], load: source.load }),
    ).rejects.toThrow('the database is down');
    expect([await lookups(a, 'l1', 'miss'), await lookups(a, 'l2', 'miss')]).toEqual([1, 1]);
  });

  it("invalidates a tag on the other instance through the bus, long before its first level's TTL", async () => {
    const [a, b] = [await instances.open(), await instances.open()];
    const [onA, onB] = [a.cache.define(versionedKind()), b.cache.define(versionedKind())];
    await Promise.all([a.cache.ready(), b.cache.ready()]);
    const source = new Source();
    const readB = () => onB.getOrLoad('tagged', { tags: ['theme:geo'], load: source.load });
    await onA.getOrLoad('tagged', { tags: ['theme:geo'], load: source.load });
    expect(await readB()).toEqual({ version: 1 });
    source.version = 2;
    await a.cache.invalidateTags(['theme:geo']);
    expect(await onA.getOrLoad('tagged', { tags: ['theme:geo'], load: source.load })).toEqual({ version: 2 });
    await waitFor('the invalidation on the other instance', async () => (await readB()).version === 2, 5_000);
    // The value may reach B first through A's write of it, on the same bus; the tag's message follows.
    await waitFor(
      'the tag invalidation received',
      async () => (await metricValue(b.metrics, 'cache_invalidations_total', { origin: 'remote' })) === 1,
      5_000,
    );
  });

  it("sees an invalidation whose bus message it missed once its first level's TTL has passed", async () => {
    const a = await instances.open();
    const deaf = await instances.open({ channelPrefix: `${keyPrefix}elsewhere:` });
    const [onA, onDeaf] = [
      a.cache.define(versionedKind({ firstLevelTtlMs: 200 })),
      deaf.cache.define(versionedKind({ firstLevelTtlMs: 200 })),
    ];
    await Promise.all([a.cache.ready(), deaf.cache.ready()]);
    const source = new Source();
    const readDeaf = () => onDeaf.getOrLoad('tagged', { tags: ['theme:art'], load: source.load });
    await onA.getOrLoad('tagged', { tags: ['theme:art'], load: source.load });
    expect(await readDeaf()).toEqual({ version: 1 });
    source.version = 2;
    await a.cache.invalidateTags(['theme:art']);
    await waitFor('the invalidation, read from Redis', async () => (await readDeaf()).version === 2, 5_000);
    expect(await metricValue(deaf.metrics, 'cache_invalidations_total', { origin: 'remote' })).toBe(0);
  });

  it('serves the stale value from Redis within the grace period when the loader fails', async () => {
    const [a, b] = [await instances.open(), await instances.open()];
    const kind = versionedKind({ ttlMs: 50, graceMs: 60_000 });
    const [onA, onB] = [a.cache.define(kind), b.cache.define(kind)];
    const source = new Source();
    await onA.getOrLoad('graced', { tags: [], load: source.load });
    await sleep(80);
    source.failing = true;
    expect(await onB.getOrLoad('graced', { tags: [], load: source.load })).toEqual({ version: 1 });
    expect(await metricValue(b.metrics, 'cache_stale_served_total', { cache: 'two:versioned' })).toBe(1);
    expect(await metricValue(b.metrics, 'cache_loads_total', { result: 'failure' })).toBe(1);
    expect([await lookups(b, 'l1', 'miss'), await lookups(b, 'l2', 'miss'), await lookups(b, 'l2')]).toEqual([
      1, 1, 1,
    ]);
    // B keeps it in memory for retryFailedLoadAfterMs (5 s): the loader is not tried again meanwhile.
    expect(await onB.getOrLoad('graced', { tags: [], load: source.load })).toEqual({ version: 1 });
    expect(source.loads).toBe(2);
  });

  it('treats a value in Redis that does not fit the schema as a miss, and replaces it', async () => {
    const a = await instances.open();
    const values = a.cache.define(versionedKind());
    const source = new Source();
    await values.getOrLoad('damaged', { tags: [], load: source.load });
    const [key] = (
      await redisCli(serverUrl, '--scan', '--pattern', `${keyPrefix}cache:two:versioned:damaged`)
    )
      .split('\n')
      .filter((line) => line !== '');
    expect(key).toBeDefined();
    const entry = {
      value: { data: { version: 'one' } },
      createdAt: Date.now(),
      logicalExpiration: Date.now() + 60_000,
    };
    await redisCli(serverUrl, 'SET', key ?? '', JSON.stringify(entry), 'PX', '60000');
    await redisCli(serverUrl, 'SET', `${keyPrefix}cache:two:versioned:garbled`, '{"value":', 'PX', '60000');
    const logger = new RecordingLogger();
    const fresh = await instances.open({ logger });
    const onFresh = fresh.cache.define(versionedKind());
    source.version = 2;
    expect(await onFresh.getOrLoad('damaged', { tags: [], load: source.load })).toEqual({ version: 2 });
    expect(await onFresh.getOrLoad('garbled', { tags: [], load: source.load })).toEqual({ version: 2 });
    expect(
      await metricValue(fresh.metrics, 'cache_errors_total', {
        cache: 'two:versioned',
        operation: 'invalid-entry',
      }),
    ).toBe(2);
    expect(logger.warnings).toEqual([
      {
        details: { cache: 'two:versioned', reason: expect.stringMatching(/^\/value/) },
        message: 'cache: an entry read from Redis is not valid',
      },
      {
        details: { cache: 'two:versioned', reason: 'not JSON' },
        message: 'cache: an entry read from Redis is not valid',
      },
    ]);
  });

  it('gives every key it writes to Redis a TTL', async () => {
    const a = await instances.open();
    const values = a.cache.define(versionedKind());
    const source = new Source();
    await values.getOrLoad('one', { tags: ['some-tag'], load: source.load });
    await a.cache.invalidateTags(['some-tag']);
    const keys = (await redisCli(serverUrl, '--scan', '--pattern', `${keyPrefix}*`))
      .split('\n')
      .filter((line) => line !== '');
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const key of keys) expect(Number(await redisCli(serverUrl, 'PTTL', key))).toBeGreaterThan(0);
  });
});
