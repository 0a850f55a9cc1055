import type { TSchema } from 'typebox';
import type { RedisClient } from '../redis/index.js';
import type { CacheMetrics } from './cache-metrics.js';

/** What one cached kind of value is, and how long it keeps. */
export interface CachedValuesOptions<S extends TSchema> {
  /** Names the values within their cache (`pool`): part of their keys, channel and metric label. */
  readonly kind: string;
  /** Every value read back from Redis is checked against it; a value that fails is a miss. */
  readonly schema: S;
  /** How long a loaded value is fresh. */
  readonly ttlMs: number;
  /** How long after that a stale value may still be served when a refresh fails or is slow. */
  readonly graceMs: number;
  /** The longest an instance keeps a value in memory: bounds how long a lost invalidation goes unseen. */
  readonly firstLevelTtlMs: number;
  /** Values kept in memory at most (least recently used go first); 1,000 unless said. */
  readonly firstLevelMaxItems?: number;
  /** How long a caller waits for a refresh before it is served the stale value instead; 1 s unless said. */
  readonly refreshWaitMs?: number;
  /** After a failed refresh, the stale value is served without retrying for this long; 5 s unless said. */
  readonly retryFailedLoadAfterMs?: number;
}

export interface GetOrLoad<T> {
  /** Tags the value is invalidated by (`theme:geography`). */
  readonly tags: readonly string[];
  /** Reads the truth (the database); called once per key and process, however many callers wait for it. */
  readonly load: () => Promise<T>;
}

/** Values of one kind: read through the cache, loaded on a miss. */
export interface CachedValues<T> {
  /** `<cache>:<kind>`, as the metrics label it. */
  readonly name: string;
  getOrLoad(key: string, request: GetOrLoad<T>): Promise<T>;
}

export interface CacheLogger {
  warn(details: Readonly<Record<string, unknown>>, message: string): void;
}

/** What every kind of a cache shares: where it stores and publishes, and what it records in. */
export interface CacheContext {
  readonly cacheName: string;
  readonly redis: { readonly client: RedisClient; readonly channelPrefix: string } | undefined;
  readonly metrics: CacheMetrics;
  readonly logger: CacheLogger | undefined;
  readonly resubscribeDelayMs: number;
}
