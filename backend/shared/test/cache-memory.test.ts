import { afterEach, describe, expect, it } from 'vitest';
import { createCache, type PlatformCache } from '../src/cache/index.js';
import { conflict } from '../src/errors/index.js';
import { createMetricsRegistry } from '../src/observability/index.js';
import { waitFor } from '../src/testing/redis-processes.js';
import { sleep } from '../src/utils/index.js';
import { histogramOf, metricValue, RecordingLogger, Source, versionedKind } from './cache-harness.js';

describe('the platform cache without Redis (memory only, same API)', () => {
  const registry = createMetricsRegistry();
  let cache: PlatformCache;

  const open = (logger?: RecordingLogger) => {
    cache = createCache({ name: 'memory-test', metrics: registry, logger });
    return cache;
  };
  const lookups = (result: 'hit' | 'miss') =>
    metricValue(registry, 'cache_lookups_total', { cache: 'memory-test:versioned', level: 'l1', result });

  afterEach(async () => {
    await cache?.close();
    registry.resetMetrics();
  });

  it('says it is memory only', () => {
    expect(open().mode).toBe('memory');
  });

  it('is ready at once: there is no bus to wait for', async () => {
    open().define(versionedKind());
    await expect(cache.ready()).resolves.toBeUndefined();
  });

  it('loads a key once for 1,000 concurrent callers, then serves it from memory', async () => {
    const values = open().define(versionedKind());
    const source = new Source();
    const slowLoad = async () => {
      await sleep(20);
      return source.load();
    };
    const results = await Promise.all(
      Array.from({ length: 1_000 }, () => values.getOrLoad('k', { tags: [], load: slowLoad })),
    );
    expect(source.loads).toBe(1);
    expect(new Set(results.map((result) => result.version))).toEqual(new Set([1]));
    expect(await values.getOrLoad('k', { tags: [], load: slowLoad })).toEqual({ version: 1 });
    expect(source.loads).toBe(1);
    expect(await metricValue(registry, 'cache_loads_total', { result: 'success' })).toBe(1);
    expect(await metricValue(registry, 'cache_lookups_total', { level: 'l1', result: 'hit' })).toBe(1_000);
    expect(await metricValue(registry, 'cache_lookups_total', { level: 'l1', result: 'miss' })).toBe(1);
    expect(await metricValue(registry, 'cache_lookups_total', { level: 'l2' })).toBe(0);
  });

  it('invalidates by tag every kind holding the tag, and nothing else', async () => {
    open();
    const first = cache.define(versionedKind({ kind: 'first' }));
    const second = cache.define(versionedKind({ kind: 'second' }));
    const sources = { geo: new Source(), art: new Source(), other: new Source() };
    const read = () =>
      Promise.all([
        first.getOrLoad('geo', { tags: ['theme:geo'], load: sources.geo.load }),
        first.getOrLoad('art', { tags: ['theme:art'], load: sources.art.load }),
        second.getOrLoad('geo', { tags: ['theme:geo', 'all'], load: sources.other.load }),
      ]);
    await read();
    for (const source of Object.values(sources)) source.version = 2;
    expect(await cache.invalidateTags(['theme:geo'])).toBe(true);
    expect((await read()).map((value) => value.version)).toEqual([2, 1, 2]);
    expect([sources.geo.loads, sources.art.loads, sources.other.loads]).toEqual([2, 1, 2]);
    expect(await metricValue(registry, 'cache_invalidations_total', { origin: 'local' })).toBe(2);
  });

  it("hands the caller the loader's own error, and caches nothing for it", async () => {
    const values = open().define(versionedKind());
    const refusal = conflict('no such thing', 'NOTHING_HERE');
    await expect(
      values.getOrLoad('k', {
        tags: [],
        load: () => Promise.reject(refusal),
      }),
    ).rejects.toBe(refusal);
    const source = new Source();
    expect(await values.getOrLoad('k', { tags: [], load: source.load })).toEqual({ version: 1 });
    expect(await metricValue(registry, 'cache_loads_total', { result: 'failure' })).toBe(1);
    // The failed lookup and the one that loaded.
    expect(await lookups('miss')).toBe(2);
  });

  it('warns of a failed load with the cache, the key and the error', async () => {
    const logger = new RecordingLogger();
    const values = open(logger).define(versionedKind());
    const source = new Source();
    source.failing = true;
    await expect(values.getOrLoad('k', { tags: [], load: source.load })).rejects.toThrow(
      'the database is down',
    );
    expect(logger.warnings).toEqual([
      {
        details: { cache: 'memory-test:versioned', key: 'k', error: 'the database is down' },
        message: 'cache: loading a value failed',
      },
    ]);
  });

  it('records how long each load took, in seconds, in buckets that tell a fast load from a slow one', async () => {
    // A registry of its own: its metrics are made here, with the buckets this test is about.
    const own = createMetricsRegistry();
    cache = createCache({ name: 'memory-test', metrics: own });
    const values = cache.define(versionedKind());
    let loaderSeconds = 0;
    const timedLoad = async () => {
      const started = performance.now();
      await sleep(20);
      loaderSeconds = (performance.now() - started) / 1000;
      return { version: 1 };
    };
    const started = performance.now();
    await values.getOrLoad('k', { tags: [], load: timedLoad });
    const callSeconds = (performance.now() - started) / 1000;
    const loads = await histogramOf(own, 'cache_load_duration_seconds', 'memory-test:versioned');
    expect(loads.count).toBe(1);
    expect(loads.sum).toBeGreaterThanOrEqual(loaderSeconds);
    expect(loads.sum).toBeLessThanOrEqual(callSeconds);
    expect(loads.buckets.get('0.001')).toBe(0);
    expect(loads.buckets.get('2.5')).toBe(1);
  });

  it('counts lookups of values only, not of the tags bentocache checks them against', async () => {
    const values = open().define(versionedKind());
    const source = new Source();
    for (let read = 0; read < 3; read += 1) {
      await values.getOrLoad('k', { tags: ['theme:geo', 'all'], load: source.load });
    }
    expect([await lookups('miss'), await lookups('hit')]).toEqual([1, 2]);
  });

  it('keeps at most firstLevelMaxItems values in memory, letting the least recently used go', async () => {
    const values = open().define(versionedKind({ firstLevelMaxItems: 2 }));
    const source = new Source();
    const read = (key: string) => values.getOrLoad(key, { tags: [], load: source.load });
    await read('a');
    await read('b');
    await read('c');
    await read('c');
    expect(source.loads).toBe(3);
    await read('a');
    expect(source.loads).toBe(4);
  });

  it('serves the stale value within the grace period while the loader fails, then the fresh one', async () => {
    const values = open().define(versionedKind({ ttlMs: 40, retryFailedLoadAfterMs: 40 }));
    const source = new Source();
    const read = () => values.getOrLoad('k', { tags: [], load: source.load });
    await read();
    await sleep(60);
    source.version = 2;
    source.failing = true;
    expect(await read()).toEqual({ version: 1 });
    expect(await metricValue(registry, 'cache_stale_served_total', { cache: 'memory-test:versioned' })).toBe(
      1,
    );
    expect(await metricValue(registry, 'cache_loads_total', { result: 'failure' })).toBe(1);
    // A stale value is a miss: the value the caller should have had was not there.
    expect([await lookups('miss'), await lookups('hit')]).toEqual([2, 0]);
    source.failing = false;
    // The stale value was due a retry 40 ms after it expired, which is over by now.
    await sleep(60);
    expect(await read()).toEqual({ version: 2 });
  });

  it('after a failed refresh, serves the stale value without trying the loader again for 5 s unless said', async () => {
    const values = open().define(versionedKind({ ttlMs: 40 }));
    const source = new Source();
    const read = () => values.getOrLoad('k', { tags: [], load: source.load });
    await read();
    await sleep(60);
    source.failing = true;
    expect(await read()).toEqual({ version: 1 });
    expect(source.loads).toBe(2);
    expect(await read()).toEqual({ version: 1 });
    expect(source.loads).toBe(2);
  });

  it('serves the stale value for graceMs after the TTL, however short the TTL', async () => {
    const values = open().define(versionedKind({ ttlMs: 600, graceMs: 600 }));
    const source = new Source();
    const read = () => values.getOrLoad('k', { tags: [], load: source.load });
    await read();
    await sleep(750);
    source.failing = true;
    expect(await read()).toEqual({ version: 1 });
  });

  it('forgets a value once its TTL and grace period are over: a failing loader then fails the caller', async () => {
    const values = open().define(versionedKind({ ttlMs: 20, graceMs: 30 }));
    const source = new Source();
    const read = () => values.getOrLoad('k', { tags: [], load: source.load });
    await read();
    await sleep(80);
    source.failing = true;
    await expect(read()).rejects.toThrow('the database is down');
  });

  it('serves a value invalidated by a tag stale while its refresh fails, no longer than its grace period', async () => {
    const values = open().define(versionedKind({ ttlMs: 200, graceMs: 200, retryFailedLoadAfterMs: 0 }));
    const source = new Source();
    const read = () => values.getOrLoad('k', { tags: ['theme:geo'], load: source.load });
    await read();
    await cache.invalidateTags(['theme:geo']);
    source.failing = true;
    expect(await read()).toEqual({ version: 1 });
    await sleep(500);
    await expect(read()).rejects.toThrow('the database is down');
  });

  it('serves the stale value while a slow refresh runs, and the fresh one once it is done', async () => {
    const values = open().define(versionedKind({ ttlMs: 40, refreshWaitMs: 10 }));
    const source = new Source();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowOnce = async () => {
      if (source.loads === 1) await gate;
      return source.load();
    };
    await values.getOrLoad('k', { tags: [], load: source.load });
    await sleep(60);
    source.version = 2;
    expect(await values.getOrLoad('k', { tags: [], load: slowOnce })).toEqual({ version: 1 });
    release();
    await waitFor(
      'the refreshed value',
      async () => (await values.getOrLoad('k', { tags: [], load: source.load })).version === 2,
    );
  });

  it('lets go of a value after the first level TTL, however long its own TTL', async () => {
    const values = open().define(versionedKind({ firstLevelTtlMs: 30 }));
    const source = new Source();
    await values.getOrLoad('k', { tags: [], load: source.load });
    source.version = 2;
    await waitFor(
      'a reload once the first level let go',
      async () => (await values.getOrLoad('k', { tags: [], load: source.load })).version === 2,
    );
  });
});
