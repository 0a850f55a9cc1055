import { Counter, Histogram, type Registry } from 'prom-client';

export type CacheLevel = 'l1' | 'l2';
export type LookupResult = 'hit' | 'miss';
/** Where an invalidation came from: this instance, or another one through the bus. */
export type InvalidationOrigin = 'local' | 'remote';
/** What failed; none of these fails the caller, who gets the loader's answer instead. */
export type CacheErrorOperation =
  | 'redis-read'
  | 'redis-write'
  | 'redis-delete'
  | 'bus-publish'
  | 'bus-subscribe'
  | 'invalid-entry'
  | 'invalid-bus-message';

/**
 * The metrics of every cache in a process, in the process's registry; each series carries the
 * cache's name (`questions:pool`). prom-client refuses a name registered twice, so a registry gets
 * one set however many caches record in it.
 */
export class CacheMetrics {
  readonly lookups: Counter<'cache' | 'level' | 'result'>;
  readonly loads: Counter<'cache' | 'result'>;
  readonly loadDuration: Histogram<'cache'>;
  readonly staleServed: Counter<'cache'>;
  readonly invalidations: Counter<'cache' | 'origin'>;
  readonly errors: Counter<'cache' | 'operation'>;

  private constructor(registry: Registry) {
    const registers = [registry];
    this.lookups = new Counter({
      name: 'cache_lookups_total',
      help: 'Cache lookups by level (l1 in-process, l2 Redis) and result; a lookup that misses l1 is counted again at l2',
      labelNames: ['cache', 'level', 'result'],
      registers,
    });
    this.loads = new Counter({
      name: 'cache_loads_total',
      help: 'Loader calls (the database behind the cache), by result',
      labelNames: ['cache', 'result'],
      registers,
    });
    this.loadDuration = new Histogram({
      name: 'cache_load_duration_seconds',
      help: 'Time a loader call took',
      labelNames: ['cache'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.staleServed = new Counter({
      name: 'cache_stale_served_total',
      help: 'Values served past their TTL, within the grace period, because a refresh failed or was slow',
      labelNames: ['cache'],
      registers,
    });
    this.invalidations = new Counter({
      name: 'cache_invalidations_total',
      help: 'Tags and keys invalidated, by origin (this instance, or another through the bus)',
      labelNames: ['cache', 'origin'],
      registers,
    });
    this.errors = new Counter({
      name: 'cache_errors_total',
      help: 'Cache failures that fell back to the loader or to memory, by operation',
      labelNames: ['cache', 'operation'],
      registers,
    });
  }

  static readonly #byRegistry = new WeakMap<Registry, CacheMetrics>();

  static of(registry: Registry): CacheMetrics {
    let metrics = CacheMetrics.#byRegistry.get(registry);
    if (metrics === undefined) {
      metrics = new CacheMetrics(registry);
      CacheMetrics.#byRegistry.set(registry, metrics);
    }
    return metrics;
  }
}
