import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

export interface WindowCount {
  /** Hits counted in the window so far, this one included. */
  readonly current: number;
  /** Milliseconds left in the window. */
  readonly ttl: number;
}

/**
 * Where the rate limits count: fixed windows, each starting with its key's first hit. Redis holds
 * them when it is configured (shared by every gateway replica), else this process's memory; both
 * pass the same contract tests (`test/window-counter-contract.ts`).
 */
export interface WindowCounter {
  hit(key: string, windowMs: number): Promise<WindowCount>;
}

/** `counter` as @fastify/rate-limit's store. */
export function rateLimitStore(counter: WindowCounter): FastifyRateLimitStoreCtor {
  return class CounterStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: WindowCount) => void, timeWindow: number) {
      counter.hit(key, timeWindow).then(
        (count) => callback(null, count),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    /** Every limit shares one namespace: the keys themselves say which limit they count for. */
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
