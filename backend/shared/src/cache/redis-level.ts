import type { L2CacheDriver } from 'bentocache/types';
import type { RedisClient, RedisConnection } from '../redis/index.js';
import type { CacheErrorOperation } from './cache-metrics.js';

/** bentocache asks for no TTL only for entries kept forever, which the platform never stores. */
const LONGEST_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The Redis level, through the process's `RedisClient` rather than a connection of its own: its
 * commands share the one command connection, its breaker (Redis down, they fail at once) and its
 * metrics. A failure is counted and rethrown; bentocache then carries on without this level (the
 * loader answers) and the caller never sees it.
 */
export class RedisLevel implements L2CacheDriver {
  // Stryker disable next-line StringLiteral: bentocache 1.6 never reads a driver's type; it is for its TypeScript interface
  readonly type = 'l2';
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #onError: (operation: CacheErrorOperation) => void;
  /** Failed writes so far: the cache compares it around an invalidation to learn whether it reached Redis. */
  writeFailures = 0;

  constructor(redis: RedisClient, prefix: string, onError: (operation: CacheErrorOperation) => void) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#onError = onError;
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.#run('redis-read', 'cache:get', (connection) => connection.get(this.#key(key)));
    return value ?? undefined;
  }

  async pull(key: string): Promise<string | undefined> {
    const value = await this.#run('redis-read', 'cache:getdel', (connection) =>
      connection.getdel(this.#key(key)),
    );
    return value ?? undefined;
  }

  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    try {
      // SET without NX or XX answers OK or fails.
      await this.#run('redis-write', 'cache:set', (connection) =>
        connection.set(this.#key(key), value, 'PX', Math.max(1, Math.round(ttl ?? LONGEST_TTL_MS))),
      );
      return true;
    } catch (error) {
      // Stryker disable next-line AssignmentOperator: the count is only compared for equality with an earlier reading, which counting down changes as surely
      this.writeFailures += 1;
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    const removed = await this.#run('redis-delete', 'cache:unlink', (connection) =>
      connection.unlink(this.#key(key)),
    );
    return removed > 0;
  }

  /** One UNLINK per key: in a cluster the keys of one command must share a slot, and these need not. */
  async deleteMany(keys: string[]): Promise<boolean> {
    await Promise.all(keys.map((key) => this.delete(key)));
    return true;
  }

  /** Never called: the platform's caches invalidate by tag or key, never a whole store. */
  clear(): Promise<void> {
    return Promise.reject(new Error('clearing a whole cache in Redis is not offered: invalidate by tag'));
  }

  /** Never called: the platform's caches do not use bentocache namespaces (one store per kind of value). */
  namespace(namespace: string): never {
    throw new Error(`cache namespaces are not used (asked for "${namespace}")`);
  }

  /** The connection belongs to the process, which closes it. */
  async disconnect(): Promise<void> {}

  #key(key: string): string {
    return `${this.#prefix}:${key}`;
  }

  async #run<T>(
    operation: CacheErrorOperation,
    command: string,
    call: (connection: RedisConnection) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.#redis.run(command, call);
    } catch (error) {
      this.#onError(operation);
      throw error;
    }
  }
}
