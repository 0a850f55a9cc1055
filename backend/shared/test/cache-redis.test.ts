import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCache, type PlatformCache } from '../src/cache/index.js';
import { createMetricsRegistry, type MetricsRegistry } from '../src/observability/index.js';
import { RedisClient } from '../src/redis/index.js';
import { deleteKeys, findTestRedis, redisCli, testKeyPrefix, testRedisConfig } from '../src/testing/redis.js';
import { waitFor } from '../src/testing/redis-processes.js';
import { sleep } from '../src/utils/index.js';
import { metricValue, Source, versionedKind } from './cache-harness.js';

const url = await findTestRedis();

/** One service instance's cache: its own Redis client, metrics and first level. */
interface Instance {
  readonly cache: PlatformCache;
  readonly redis: RedisClient;
  readonly metrics: MetricsRegistry;
}

describe.skipIf(url === null)('the platform cache on Redis, with two instances', () => {
  const serverUrl = url ?? '';
  const keyPrefix = testKeyPrefix('cache-redis');
  const instances: Instance[] = [];

  /** `channelPrefix` other than the key prefix puts the instance on a bus of its own (it hears nobody). */
  async function instance(channelPrefix = keyPrefix): Promise<Instance> {
    const metrics = createMetricsRegistry();
    const redis = new RedisClient({ config: testRedisConfig({ keyPrefix }), url: serverUrl, metrics });
    await redis.connect();
    const cache = createCache({ name: 'two', redis: { client: redis, keyPrefix: channelPrefix }, metrics });
    const created = { cache, redis, metrics };
    instances.push(created);
    return created;
  }

  afterEach(async () => {
    for (const { cache, redis } of instances.splice(0)) {
      await cache.close();
      await redis.close();
    }
    await deleteKeys(serverUrl, keyPrefix);
  });

  afterAll(async () => {
    await deleteKeys(serverUrl, keyPrefix);
  });

  it('says it is on Redis', async () => {
    expect((await instance()).cache.mode).toBe('redis');
  });

  it('loads once for 1,000 concurrent callers, and the other instance reads it from Redis', async () => {
    const [a, b] = [await instance(), await instance()];
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
    expect(await metricValue(b.metrics, 'cache_lookups_total', { level: 'l2', result: 'hit' })).toBe(1);
    expect(await metricValue(a.metrics, 'cache_lookups_total', { level: 'l1', result: 'hit' })).toBe(999);
  });

  it("invalidates a tag on the other instance through the bus, long before its first level's TTL", async () => {
    const [a, b] = [await instance(), await instance()];
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
    const a = await instance();
    const deaf = await instance(`${keyPrefix}elsewhere:`);
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
    const [a, b] = [await instance(), await instance()];
    const kind = versionedKind({ ttlMs: 50, graceMs: 60_000 });
    const [onA, onB] = [a.cache.define(kind), b.cache.define(kind)];
    const source = new Source();
    await onA.getOrLoad('graced', { tags: [], load: source.load });
    await sleep(80);
    source.failing = true;
    expect(await onB.getOrLoad('graced', { tags: [], load: source.load })).toEqual({ version: 1 });
    expect(await metricValue(b.metrics, 'cache_stale_served_total')).toBe(1);
    expect(await metricValue(b.metrics, 'cache_loads_total', { result: 'failure' })).toBe(1);
  });

  it('treats a value in Redis that does not fit the schema as a miss, and replaces it', async () => {
    const a = await instance();
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
    const fresh = await instance();
    source.version = 2;
    expect(
      await fresh.cache.define(versionedKind()).getOrLoad('damaged', { tags: [], load: source.load }),
    ).toEqual({
      version: 2,
    });
    expect(await metricValue(fresh.metrics, 'cache_errors_total', { operation: 'invalid-entry' })).toBe(1);
  });

  it('gives every key it writes to Redis a TTL', async () => {
    const a = await instance();
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
