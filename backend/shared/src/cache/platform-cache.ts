import type { Static, TSchema } from 'typebox';
import type { MetricsRegistry } from '../observability/index.js';
import type { RedisClient } from '../redis/index.js';
import { CacheMetrics } from './cache-metrics.js';
import type { CacheContext, CachedValues, CachedValuesOptions, CacheLogger } from './cache-types.js';
import { CachedKind } from './cached-values.js';

export interface CacheOptions {
  /** Names the cache in its Redis keys, bus channels and metrics: `questions`. */
  readonly name: string;
  /**
   * The process's Redis client and its key prefix (`REDIS_KEY_PREFIX`, which the cache also puts
   * before its bus channels). Absent without `REDIS_URL`: memory only, with the same API, and an
   * invalidation reaches this process alone.
   */
  readonly redis?: { readonly client: RedisClient; readonly keyPrefix: string } | undefined;
  readonly metrics: MetricsRegistry;
  readonly logger?: CacheLogger | undefined;
  /** How often an invalidation that could not reach Redis, and a failed SUBSCRIBE, are tried again; 1 s unless said. */
  readonly retryEveryMs?: number;
}

/**
 * The platform's cache: get-or-load with one load per key however many callers wait, a TTL with a
 * grace period, tags, an in-process first level in front of Redis, and invalidation that reaches
 * every instance over Redis pub/sub. Built on bentocache (see README.md for why); callers see only
 * this API. Nothing here fails a caller that would succeed without the cache: with Redis down,
 * lookups fall through to the loader and invalidations apply here and are retried until Redis
 * takes them.
 */
export class PlatformCache {
  readonly mode: 'redis' | 'memory';
  readonly #context: CacheContext;
  readonly #kinds: CachedKind<TSchema>[] = [];
  readonly #retryEveryMs: number;
  readonly #pending = new Set<string>();
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(options: CacheOptions) {
    this.mode = options.redis === undefined ? 'memory' : 'redis';
    this.#retryEveryMs = options.retryEveryMs ?? 1_000;
    this.#context = {
      cacheName: options.name,
      redis:
        options.redis === undefined
          ? undefined
          : { client: options.redis.client, channelPrefix: `${options.redis.keyPrefix}cache-bus:` },
      metrics: CacheMetrics.of(options.metrics),
      logger: options.logger,
      resubscribeDelayMs: this.#retryEveryMs,
    };
  }

  /** One kind of value this cache holds, each with its own schema and times. */
  define<S extends TSchema>(options: CachedValuesOptions<S>): CachedValues<Static<S>> {
    const kind = new CachedKind(this.#context, options);
    this.#kinds.push(kind);
    return kind;
  }

  /**
   * Every value carrying one of `tags`, of every kind, is stale from now on, here at once and on
   * the other instances as soon as the bus tells them (at worst when their first level lets go of
   * it). Never fails: what Redis did not take is tried again every `retryEveryMs` (while this cache
   * is open). Answers whether Redis took it (true without Redis: there is nowhere else to tell).
   */
  async invalidateTags(tags: readonly string[]): Promise<boolean> {
    const unique = [...new Set(tags)];
    const reached = await Promise.all(this.#kinds.map((kind) => kind.invalidateTags(unique)));
    if (reached.every(Boolean)) return true;
    for (const tag of unique) this.#pending.add(tag);
    this.#retryTimer ??= setInterval(() => void this.#retryPending(), this.#retryEveryMs).unref();
    return false;
  }

  /** Resolves once every kind listens to the bus. A service does not wait for it; tests do. */
  async ready(): Promise<void> {
    await Promise.all(this.#kinds.map((kind) => kind.subscribed()));
  }

  async close(): Promise<void> {
    clearInterval(this.#retryTimer);
    this.#retryTimer = undefined;
    await Promise.all(this.#kinds.map((kind) => kind.close()));
  }

  async #retryPending(): Promise<void> {
    const tags = [...this.#pending];
    this.#pending.clear();
    clearInterval(this.#retryTimer);
    this.#retryTimer = undefined;
    await this.invalidateTags(tags);
  }
}

export function createCache(options: CacheOptions): PlatformCache {
  return new PlatformCache(options);
}
