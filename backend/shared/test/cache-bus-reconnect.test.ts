import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type CachedValues, createCache, type PlatformCache } from '../src/cache/index.js';
import { createMetricsRegistry, type MetricsRegistry } from '../src/observability/index.js';
import { RedisClient } from '../src/redis/index.js';
import { freePort } from '../src/testing/free-port.js';
import { redisServerInstalled, testRedisConfig } from '../src/testing/redis.js';
import { RedisProcesses, waitFor } from '../src/testing/redis-processes.js';
import { metricValue, Source, versionedKind } from './cache-harness.js';

const canStartServers = await redisServerInstalled();

const KEY_PREFIX = 'kf-test:cache-bus:';

interface Instance {
  readonly cache: PlatformCache;
  readonly redis: RedisClient;
  readonly metrics: MetricsRegistry;
  /** Kept in memory for a minute: only the bus, or its coming back, can tell the instance it changed. */
  readonly values: CachedValues<{ version: number }>;
}

describe.skipIf(!canStartServers)("the platform cache's bus when its subscription is cut off", () => {
  const processes = new RedisProcesses();
  const instances: Instance[] = [];

  /** `channelPrefix` other than the key prefix puts the instance on a bus of its own (it hears nobody). */
  function instance(port: number, channelPrefix = KEY_PREFIX): Instance {
    const metrics = createMetricsRegistry();
    const redis = new RedisClient({
      config: testRedisConfig({ keyPrefix: KEY_PREFIX }),
      url: `redis://127.0.0.1:${port}`,
      metrics,
    });
    void redis.connect().catch(() => undefined);
    const cache = createCache({
      name: 'bus',
      redis: { client: redis, keyPrefix: channelPrefix },
      metrics,
      retryEveryMs: 100,
    });
    const created = { cache, redis, metrics, values: cache.define(versionedKind()) };
    instances.push(created);
    return created;
  }

  const failedSubscriptions = (on: Instance) =>
    metricValue(on.metrics, 'cache_errors_total', { cache: 'bus:versioned', operation: 'bus-subscribe' });

  afterEach(async () => {
    for (const { cache, redis } of instances.splice(0)) {
      await cache.close();
      await redis.close();
    }
  });

  afterAll(async () => {
    await processes.stopAll();
  });

  it('forgets what it holds in memory when its subscription drops and comes back', async () => {
    const port = await freePort();
    await processes.startServer(port);
    const b = instance(port);
    const deaf = instance(port, `${KEY_PREFIX}elsewhere:`);
    await Promise.all([b.cache.ready(), deaf.cache.ready()]);
    const source = new Source();
    const read = () => b.values.getOrLoad('k', { tags: ['t'], load: source.load });
    // The second read looks the tag up, and keeps what it found (never invalidated) in memory too.
    expect([await read(), await read()]).toEqual([{ version: 1 }, { version: 1 }]);
    source.version = 2;
    expect(await deaf.cache.invalidateTags(['t'])).toBe(true);
    // Its message went where B does not listen, as one lost while B's subscription is down would.
    expect(await read()).toEqual({ version: 1 });

    await processes.cli(port, 'CLIENT', 'KILL', 'TYPE', 'pubsub');
    await waitFor(
      'B to read the new version once it listens again',
      async () => (await read()).version === 2,
      5_000,
    );
  });

  it('forgets what it held in memory once its bus first connects, when it started while Redis was down', async () => {
    const port = await freePort();
    const b = instance(port);
    const source = new Source();
    const read = () => b.values.getOrLoad('k', { tags: ['t'], load: source.load });
    // From the loader; the second read looks the tag up, and keeps what it found (nothing) in memory too.
    expect([await read(), await read()]).toEqual([{ version: 1 }, { version: 1 }]);
    // Twice: once before the subscriber connection existed, once on it.
    await waitFor('subscriptions that failed', async () => (await failedSubscriptions(b)) >= 2);

    await processes.startServer(port);
    const deaf = instance(port, `${KEY_PREFIX}elsewhere:`);
    source.version = 2;
    expect(await deaf.cache.invalidateTags(['t'])).toBe(true);
    await waitFor(
      'B to read the new version once it listens',
      async () => (await read()).version === 2,
      5_000,
    );

    // However many times it tried to subscribe, it hears each message once.
    const a = instance(port);
    await Promise.all([a.cache.ready(), b.cache.ready()]);
    await a.cache.invalidateTags(['u']);
    const heard = () => metricValue(b.metrics, 'cache_invalidations_total', { origin: 'remote' });
    await waitFor("A's invalidation on B", async () => (await heard()) >= 1, 5_000);
    expect(await heard()).toBe(1);
  });

  it('stops trying to subscribe once closed while Redis is down', async () => {
    const port = await freePort();
    const c = instance(port);
    let settled = false;
    void c.cache.ready().then(() => {
      settled = true;
    });
    await waitFor('subscriptions that failed', async () => (await failedSubscriptions(c)) >= 2);
    await c.cache.close();
    await waitFor('ready() to settle', async () => settled, 5_000);
  });
});
