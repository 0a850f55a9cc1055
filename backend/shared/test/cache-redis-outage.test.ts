import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CachedValues, createCache, type PlatformCache } from '../src/cache/index.js';
import { createMetricsRegistry, type MetricsRegistry } from '../src/observability/index.js';
import { RedisClient } from '../src/redis/index.js';
import { freePort } from '../src/testing/free-port.js';
import { redisServerInstalled, testRedisConfig } from '../src/testing/redis.js';
import { RedisProcesses, waitFor } from '../src/testing/redis-processes.js';
import { metricValue, Source, versionedKind } from './cache-harness.js';

const canStartServers = await redisServerInstalled();

/** The server keeps its data across a kill (an append-only file synced on every write), as a real one would. */
const DURABLE = ['--appendonly', 'yes', '--appendfsync', 'always'];

interface Instance {
  readonly cache: PlatformCache;
  readonly redis: RedisClient;
  readonly metrics: MetricsRegistry;
  readonly values: CachedValues<{ version: number }>;
  /** Kept in memory for a minute: only the bus can tell this instance it changed. */
  readonly remembered: CachedValues<{ version: number }>;
}

describe.skipIf(!canStartServers)('the platform cache while Redis goes down and comes back', () => {
  const processes = new RedisProcesses();
  const instances: Instance[] = [];
  let port = 0;

  function instance(): Instance {
    const metrics = createMetricsRegistry();
    const redis = new RedisClient({
      config: testRedisConfig({ keyPrefix: 'kf-test:outage:' }),
      url: `redis://127.0.0.1:${port}`,
      metrics,
    });
    void redis.connect().catch(() => undefined);
    const cache = createCache({
      name: 'outage',
      redis: { client: redis, keyPrefix: 'kf-test:outage:' },
      metrics,
      retryEveryMs: 100,
    });
    // A first level that lets go quickly, so every read below goes to Redis or to the loader.
    const values = cache.define(versionedKind({ firstLevelTtlMs: 50, kind: 'v' }));
    const remembered = cache.define(versionedKind({ kind: 'remembered' }));
    const created = { cache, redis, metrics, values, remembered };
    instances.push(created);
    return created;
  }

  const storedInRedis = async () =>
    (await processes.cli(port, '--scan', '--pattern', 'kf-test:outage:cache:outage:v:k')) !== '';

  beforeAll(async () => {
    port = await freePort();
    await processes.startServer(port, DURABLE);
  });

  afterAll(async () => {
    for (const { cache, redis } of instances) {
      await cache.close();
      await redis.close();
    }
    await processes.stopAll();
  });

  it('falls through to the loader while Redis is down, never failing, then caches in Redis again', async () => {
    const a = instance();
    const b = instance();
    await Promise.all([a.cache.ready(), b.cache.ready()]);
    const source = new Source();
    const read = (on: Instance) => on.values.getOrLoad('k', { tags: ['t'], load: source.load });
    expect(await read(a)).toEqual({ version: 1 });
    expect(await storedInRedis()).toBe(true);
    const kept = new Source();
    const readKept = () => a.remembered.getOrLoad('kept', { tags: ['t'], load: kept.load });
    expect(await readKept()).toEqual({ version: 1 });

    processes.kill(port);
    source.version = 2;
    kept.version = 2;
    expect(await a.cache.invalidateTags(['t'])).toBe(false);
    const loadsBefore = source.loads;
    await waitFor('reads that reach the loader while Redis is down', async () => {
      const values = await Promise.all([read(a), read(b)]);
      return values.every((value) => value.version === 2) && source.loads >= loadsBefore + 2;
    });
    // A value the invalidation reached in memory is reloaded; telling the other instances fails, and is counted.
    expect(await readKept()).toEqual({ version: 2 });
    const errors = (on: Instance, operation: string) =>
      metricValue(on.metrics, 'cache_errors_total', { cache: 'outage:v', operation });
    expect(await errors(a, 'redis-write')).toBeGreaterThan(0);
    expect(await errors(b, 'redis-read')).toBeGreaterThan(0);
    expect(
      await metricValue(a.metrics, 'cache_errors_total', {
        cache: 'outage:remembered',
        operation: 'bus-publish',
      }),
    ).toBeGreaterThan(0);

    // Back with its data: the entry holding version 1, written before the invalidation.
    await processes.startServer(port, DURABLE);
    await waitFor('the invalidation made during the outage to reach Redis', async () => {
      const tagKey = await processes.cli(
        port,
        '--scan',
        '--pattern',
        'kf-test:outage:cache:outage:v:___bc:t:t',
      );
      return tagKey !== '';
    });
    await waitFor('both instances to read the fresh value', async () => {
      const values = await Promise.all([read(a), read(b)]);
      return values.every((value) => value.version === 2);
    });
    await waitFor('the value cached in Redis again', storedInRedis);
    const loadsOnceCached = source.loads;
    await waitFor('reads served from Redis', async () => {
      await Promise.all([read(a), read(b)]);
      return (await metricValue(b.metrics, 'cache_lookups_total', { level: 'l2', result: 'hit' })) > 1;
    });
    expect(source.loads).toBe(loadsOnceCached);

    // The bus is back too: an invalidation reaches a value the other instance keeps in memory.
    const other = new Source();
    const remembered = (on: Instance) => on.remembered.getOrLoad('k', { tags: ['u'], load: other.load });
    expect(await remembered(a)).toEqual({ version: 1 });
    expect(await remembered(b)).toEqual({ version: 1 });
    other.version = 2;
    expect(await a.cache.invalidateTags(['u'])).toBe(true);
    await waitFor('the invalidation over the bus', async () => (await remembered(b)).version === 2, 5_000);
  });
});
