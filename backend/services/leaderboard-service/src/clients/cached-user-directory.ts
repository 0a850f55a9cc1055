import type { CallContext } from '@know-foolery/shared/http-client';
import type { Clock } from '@know-foolery/shared/utils';
import type { UserDirectory } from './user-directory-client.js';

export interface NameCacheOptions {
  /**
   * How long a name is shown after user-service gave it: a rename shows within this bound. At
   * most user-service's `DISPLAY_NAME_MAX_CACHE_SECONDS` (the config refuses more).
   */
  readonly ttlMs: number;
  /** The most players remembered; past it the least recently fetched are forgotten first. */
  readonly maxEntries: number;
  readonly clock: Clock;
}

interface CachedName {
  /** Null for a player user-service does not know (yet): asked again once this expires too. */
  readonly name: string | null;
  readonly expiresAt: number;
}

/**
 * Names from user-service, kept in this process for a bounded time so a board read asks only
 * for the players it has not seen lately. Per process and in memory: names are small, the bound
 * is short, and a stale name is only cosmetic. (The platform's shared cache API had not landed
 * when this was written; this is the one place to swap it in.)
 */
export class CachedUserDirectory implements UserDirectory {
  readonly #inner: UserDirectory;
  readonly #options: NameCacheOptions;
  readonly #names = new Map<string, CachedName>();

  constructor(inner: UserDirectory, options: NameCacheOptions) {
    this.#inner = inner;
    this.#options = options;
  }

  async displayNames(ids: readonly string[], context: CallContext): Promise<ReadonlyMap<string, string>> {
    const now = this.#options.clock.now().getTime();
    const names = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.#names.get(id);
      if (cached === undefined || cached.expiresAt <= now) missing.push(id);
      else if (cached.name !== null) names.set(id, cached.name);
    }
    if (missing.length === 0) return names;
    const fetched = await this.#inner.displayNames(missing, context);
    const expiresAt = now + this.#options.ttlMs;
    for (const id of missing) {
      const name = fetched.get(id) ?? null;
      this.#remember(id, { name, expiresAt });
      if (name !== null) names.set(id, name);
    }
    return names;
  }

  #remember(id: string, entry: CachedName): void {
    if (this.#options.ttlMs <= 0) return;
    // Re-inserted at the end: a Map iterates in insertion order, so the first key is the stalest.
    this.#names.delete(id);
    this.#names.set(id, entry);
    while (this.#names.size > this.#options.maxEntries) {
      const stalest = this.#names.keys().next();
      if (stalest.done === true) break;
      this.#names.delete(stalest.value);
    }
  }
}
