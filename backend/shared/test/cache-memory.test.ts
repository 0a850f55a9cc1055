import { afterEach, describe, expect, it } from 'vitest';
import { createCache, type PlatformCache } from '../src/cache/index.js';
import { conflict } from '../src/errors/index.js';
import { createMetricsRegistry } from '../src/observability/index.js';
import { waitFor } from '../src/testing/redis-processes.js';
import { sleep } from '../src/utils/index.js';
import { metricValue, Source, versionedKind } from './cache-harness.js';

describe('the platform cache without Redis (memory only, same API)', () => {
  const registry = createMetricsRegistry();
  let cache: PlatformCache;

  const open = () => {
    cache = createCache({ name: 'memory-test', metrics: registry });
    return cache;
  };

  afterEach(async () => {
    await cache?.close();
    registry.resetMetrics();
  });

  it('says it is memory only', () => {
    expect(open().mode).toBe('memory');
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
    await cache.invalidateTags(['theme:geo']);
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
    expect(await metricValue(registry, 'cache_stale_served_total')).toBe(1);
    expect(await metricValue(registry, 'cache_loads_total', { result: 'failure' })).toBe(1);
    source.failing = false;
    await waitFor('the fresh value after the loader recovers', async () => (await read()).version === 2);
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
