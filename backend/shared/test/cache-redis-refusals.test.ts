import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CachedValues, createCache, type PlatformCache } from '../src/cache/index.js';
import { createMetricsRegistry, type MetricsRegistry } from '../src/observability/index.js';
import { RedisClient } from '../src/redis/index.js';
import { freePort } from '../src/testing/free-port.js';
import { redisServerInstalled, testRedisConfig } from '../src/testing/redis.js';
import { RedisProcesses, waitFor } from '../src/testing/redis-processes.js';
import { metricValue, Source, versionedKind } from './cache-harness.js';

const canStartServers = await redisServerInstalled();

const KEY_PREFIX = 'kf-test:refusals:';

interface Instance {
  readonly cache: PlatformCache;
  readonly redis: RedisClient;
  readonly metrics: MetricsRegistry;
  /** Redis lets the cache write its keys. */
  readonly open: CachedValues<{ version: number }>;
  /** Redis refuses every command on its keys (NOPERM). */
  readonly shut: CachedValues<{ version: number }>;
}

describe.skipIf(!canStartServers)('the platform cache when Redis refuses some of its commands', () => {
  const processes = new RedisProcesses();
  const instances: Instance[] = [];
  let port = 0;

  async function instance(retryEveryMs?: number): Promise<Instance> {
    const metrics = createMetricsRegistry();
    const redis = new RedisClient({
      config: testRedisConfig({ keyPrefix: KEY_PREFIX }),
      url: `redis://127.0.0.1:${port}`,
      metrics,
    });
    await redis.connect();
    const cache = createCache({
      name: 'r',
      redis: { client: redis, keyPrefix: KEY_PREFIX },
      metrics,
      retryEveryMs,
    });
    const created = {
      cache,
      redis,
      metrics,
      open: cache.define(versionedKind({ kind: 'open' })),
      shut: cache.define(versionedKind({ kind: 'shut' })),
    };
    instances.push(created);
    await cache.ready();
    return created;
  }

  const refused = (on: Instance, operation: 'redis-read' | 'redis-write') =>
    metricValue(on.metrics, 'cache_errors_total', { cache: 'r:shut', operation });

  beforeAll(async () => {
    port = await freePort();
    // Its user may use the keys of the kind `open` only, as a mistaken ACL would have it.
    await processes.startServer(port, [
      '--user',
      'default',
      'on',
      'nopass',
      '+@all',
      '&*',
      `~${KEY_PREFIX}cache:r:open:*`,
    ]);
  });

  afterEach(async () => {
    vi.useRealTimers();
    for (const { cache, redis } of instances.splice(0)) {
      await cache.close();
      await redis.close();
    }
  });

  afterAll(async () => {
    await processes.stopAll();
  });

  it('reports an invalidation that Redis refused for one kind as not reached, and tries it again', async () => {
    const on = await instance(50);
    const source = new Source();
    // Reads fall back on the loader where Redis refuses them.
    expect(await on.open.getOrLoad('k', { tags: ['t'], load: source.load })).toEqual({ version: 1 });
    expect(await on.shut.getOrLoad('k', { tags: ['t'], load: source.load })).toEqual({ version: 1 });

    expect(await on.cache.invalidateTags(['t'])).toBe(false);
    const afterFirst = await refused(on, 'redis-write');
    await waitFor(
      'the invalidation tried again',
      async () => (await refused(on, 'redis-write')) > afterFirst,
      5_000,
    );
    expect(await metricValue(on.metrics, 'cache_errors_total', { cache: 'r:open' })).toBe(0);
  });

  it('tries an invalidation Redis refused again every second unless told otherwise', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const on = await instance();
    expect(await on.cache.invalidateTags(['t'])).toBe(false);
    const writes = await refused(on, 'redis-write');

    vi.advanceTimersByTime(999);
    // A read of its own, refused after anything a retry would have sent on the one connection.
    await on.shut.getOrLoad('marker', { tags: [], load: new Source().load });
    await waitFor('the refused read', async () => (await refused(on, 'redis-read')) === 1, 5_000);
    // The read's miss wrote the value it loaded, and nothing else was tried.
    expect(await refused(on, 'redis-write')).toBe(writes + 1);

    vi.advanceTimersByTime(1);
    await waitFor(
      'the invalidation tried again',
      async () => (await refused(on, 'redis-write')) > writes + 1,
      5_000,
    );
  });
});
