import { MemoryDriver } from 'bentocache/drivers/memory';
import type { L1CacheDriver } from 'bentocache/types';

/**
 * The in-process level: bentocache's LRU memory driver, holding entries as objects (no JSON on a
 * hit, which matters for a pool of thousands of questions), with two changes.
 *
 * - No entry stays longer than `maxTtlMs`, whatever its TTL: invalidations reach other instances
 *   over pub/sub, which can lose a message (a subscriber reconnecting), so this bounds how long an
 *   instance can miss one. bentocache's tag invalidation times live here too, so this also bounds
 *   how long a missed tag invalidation goes unseen.
 * - bentocache (1.6.1, issue #111) hands this level the entry as JSON when it refills it from
 *   Redis, although every other write hands it the entry object; decoding that JSON here keeps every
 *   entry an object (the next read would fail otherwise). The JSON is the codec's own output from
 *   an entry it has just checked.
 */
export class FirstLevel implements L1CacheDriver {
  // Stryker disable next-line StringLiteral: bentocache 1.6 never reads a driver's type; it is for its TypeScript interface
  readonly type = 'l1';
  readonly #memory: MemoryDriver;
  readonly #maxTtlMs: number;

  constructor(options: { readonly prefix: string; readonly maxItems: number; readonly maxTtlMs: number }) {
    this.#memory = new MemoryDriver({ prefix: options.prefix, maxItems: options.maxItems });
    this.#maxTtlMs = options.maxTtlMs;
  }

  get(key: string): string | undefined {
    return this.#memory.get(key);
  }

  set(key: string, value: string, ttl?: number): boolean {
    const capped = Math.min(ttl ?? this.#maxTtlMs, this.#maxTtlMs);
    return this.#memory.set(key, typeof value === 'string' ? JSON.parse(value) : value, capped);
  }

  getRemainingTtl(key: string): number | undefined {
    return this.#memory.getRemainingTtl(key);
  }

  pull(key: string): string | undefined {
    return this.#memory.pull(key);
  }

  delete(key: string): boolean {
    return this.#memory.delete(key);
  }

  deleteMany(keys: string[]): boolean {
    return this.#memory.deleteMany(keys);
  }

  /** Forgets everything: after the bus was cut off, an entry may have missed its invalidation. */
  clear(): void {
    this.#memory.clear();
  }

  /** Never called: the platform's caches do not use bentocache namespaces (one store per kind of value). */
  namespace(namespace: string): never {
    throw new Error(`cache namespaces are not used (asked for "${namespace}")`);
  }

  /** Nothing to let go of: the memory is the process's (bentocache's memory driver does nothing here either). */
  async disconnect(): Promise<void> {}
}
