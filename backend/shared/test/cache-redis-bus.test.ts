import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../src/cache/index.js';
import { findTestRedis, redisCli, testKeyPrefix } from '../src/testing/redis.js';
import { waitFor } from '../src/testing/redis-processes.js';
import { metricValue, type RedisInstance, RedisInstances, Source, versionedKind } from './cache-harness.js';

const url = await findTestRedis();

describe.skipIf(url === null)("the platform cache's bus on Redis, between instances", () => {
  const serverUrl = url ?? '';
  const keyPrefix = testKeyPrefix('cache-redis-bus');
  const instances = new RedisInstances(serverUrl, keyPrefix);

  const commands = (on: RedisInstance, command: string) =>
    metricValue(on.metrics, 'redis_client_commands_total', { command });

  afterEach(async () => {
    await instances.closeAll();
  });

  it('counts an invalidation as remote only on the instances it reaches over the bus', async () => {
    const [a, b] = [await instances.open(), await instances.open()];
    a.cache.define(versionedKind());
    b.cache.define(versionedKind());
    await Promise.all([a.cache.ready(), b.cache.ready()]);
    const invalidations = (on: RedisInstance, origin: 'local' | 'remote') =>
      metricValue(on.metrics, 'cache_invalidations_total', { cache: 'two:versioned', origin });
    await a.cache.invalidateTags(['from-a']);
    await waitFor(
      "B to hear of A's invalidation",
      async () => (await invalidations(b, 'remote')) >= 1,
      5_000,
    );
    await b.cache.invalidateTags(['from-b', 'also-from-b']);
    await waitFor("A to hear of B's", async () => (await invalidations(a, 'remote')) >= 2, 5_000);
    // Redis delivers a channel's messages in order: A's own came back to it before B's, and was not counted.
    expect([await invalidations(a, 'remote'), await invalidations(b, 'remote')]).toEqual([2, 1]);
    expect([await invalidations(a, 'local'), await invalidations(b, 'local')]).toEqual([1, 2]);
    expect([await commands(a, 'cache-bus:publish'), await commands(b, 'cache-bus:publish')]).toEqual([1, 2]);
  });

  it('accepts every message another instance sends, the one saying it found a value invalidated too', async () => {
    const [a, b] = [await instances.open(), await instances.open()];
    const onB = b.cache.define(versionedKind());
    a.cache.define(versionedKind());
    await Promise.all([a.cache.ready(), b.cache.ready()]);
    const source = new Source();
    const readB = () => onB.getOrLoad('k', { tags: ['t'], load: source.load });
    // The second read looks the tag up, and keeps what it found in memory too.
    expect([await readB(), await readB()]).toEqual([{ version: 1 }, { version: 1 }]);
    const heard = (on: RedisInstance) =>
      metricValue(on.metrics, 'cache_invalidations_total', { origin: 'remote' });
    await a.cache.invalidateTags(['t']);
    await waitFor("B to hear of A's invalidation", async () => (await heard(b)) === 1, 5_000);
    source.version = 2;
    // B finds the value it holds invalidated, and tells the others it expired it.
    expect(await readB()).toEqual({ version: 2 });
    await b.cache.invalidateTags(['later']);
    // Redis delivers a channel's messages in order: by the time A hears this, it has heard the other.
    await waitFor("A to hear of B's invalidation", async () => (await heard(a)) === 1, 5_000);
    expect(await metricValue(a.metrics, 'cache_errors_total')).toBe(0);
  });

  it('is ready once each kind listens on a channel of its own', async () => {
    const a = await instances.open();
    a.cache.define(versionedKind({ kind: 'first' }));
    a.cache.define(versionedKind({ kind: 'second' }));
    await a.cache.ready();
    const channels = await instances.listenedChannels();
    expect(channels).toHaveLength(2);
    for (const channel of channels) {
      expect(await redisCli(serverUrl, 'PUBSUB', 'NUMSUB', channel)).toBe(`${channel}\n1`);
    }
  });

  it("leaves its channels and the process's subscriber connection as it found them once closed", async () => {
    const a = await instances.open();
    const subscriber = await a.redis.subscriber();
    const listeners = () =>
      ['messageBuffer', 'ready', 'close'].map((event) => subscriber.listenerCount(event));
    const before = listeners();
    a.cache.define(versionedKind({ kind: 'first' }));
    a.cache.define(versionedKind({ kind: 'second' }));
    await a.cache.ready();
    expect(await instances.listenedChannels()).toHaveLength(2);
    await a.cache.close();
    expect(await instances.listenedChannels()).toEqual([]);
    expect(listeners()).toEqual(before);
  });

  it('leaves the other caches of the process listening when one is closed twice', async () => {
    const a = await instances.open();
    const other = createCache({ name: 'other', redis: { client: a.redis, keyPrefix }, metrics: a.metrics });
    try {
      a.cache.define(versionedKind());
      other.define(versionedKind());
      await Promise.all([a.cache.ready(), other.ready()]);
      await a.cache.close();
      await a.cache.close();
      expect(await instances.listenedChannels()).toEqual([expect.stringContaining('other:versioned')]);
    } finally {
      await other.close();
    }
  });

  it('counts and ignores a message on its channel that is not a cache message, and goes on listening', async () => {
    const [a, b] = [await instances.open(), await instances.open()];
    const [onA, onB] = [a.cache.define(versionedKind()), b.cache.define(versionedKind())];
    await Promise.all([a.cache.ready(), b.cache.ready()]);
    const [channel = ''] = await instances.listenedChannels();
    await redisCli(serverUrl, 'PUBLISH', channel, 'not JSON');
    const wrongShape = { busId: 'another', payload: { keys: 'not a list', type: 'set' } };
    await redisCli(serverUrl, 'PUBLISH', channel, JSON.stringify(wrongShape));
    await waitFor(
      'both refused',
      async () =>
        (await metricValue(b.metrics, 'cache_errors_total', {
          cache: 'two:versioned',
          operation: 'invalid-bus-message',
        })) === 2,
      5_000,
    );
    const source = new Source();
    const readB = () => onB.getOrLoad('k', { tags: ['t'], load: source.load });
    await onA.getOrLoad('k', { tags: ['t'], load: source.load });
    expect(await readB()).toEqual({ version: 1 });
    source.version = 2;
    await a.cache.invalidateTags(['t']);
    await waitFor('the invalidation on the other instance', async () => (await readB()).version === 2, 5_000);
  });
});
