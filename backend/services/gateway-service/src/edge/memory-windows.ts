import { type Clock, systemClock } from '@know-foolery/shared/utils';
import type { WindowCount, WindowCounter } from './rate-limit-store.js';

/**
 * Fixed windows in this process's memory, at most `capacity` keys (the oldest go first, so a flood
 * of new addresses cannot grow it without bound). What the limits count in without Redis, and
 * where a Redis-backed counter falls back while Redis cannot answer.
 */
export class MemoryWindows implements WindowCounter {
  readonly #windows = new Map<string, { count: number; endsAt: number }>();
  readonly #capacity: number;
  readonly #clock: Clock;

  constructor(options: { readonly capacity?: number; readonly clock?: Clock } = {}) {
    this.#capacity = options.capacity ?? 10_000;
    this.#clock = options.clock ?? systemClock;
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.#clock.now().getTime();
    let window = this.#windows.get(key);
    if (window === undefined || window.endsAt <= now) {
      this.#windows.delete(key);
      if (this.#windows.size >= this.#capacity) {
        const oldest = this.#windows.keys().next();
        if (oldest.done !== true) this.#windows.delete(oldest.value);
      }
      window = { count: 0, endsAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return { current: window.count, ttl: window.endsAt - now };
  }
}
