import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type RedisClient, RedisScript, RedisUnavailableError } from '@know-foolery/shared/redis';

interface WindowCount {
  readonly current: number;
  /** Milliseconds left in the window. */
  readonly ttl: number;
}

/**
 * One step: count the hit, start the window's expiry on its first hit, answer the count and the
 * time left. A counter found without an expiry gets one, so no rate-limit key outlives its window.
 */
const FIXED_WINDOW = new RedisScript(`
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {current, ttl}
`);

function windowCount(reply: unknown): WindowCount {
  if (Array.isArray(reply) && typeof reply[0] === 'number' && typeof reply[1] === 'number') {
    return { current: reply[0], ttl: reply[1] };
  }
  throw new Error('the rate-limit script answered in an unexpected shape');
}

/** Fixed windows in this process's memory, at most `capacity` keys (the oldest go first). */
export class MemoryWindows {
  readonly #windows = new Map<string, { count: number; endsAt: number }>();
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  hit(key: string, windowMs: number, now = Date.now()): WindowCount {
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

class RedisRateLimitStore implements FastifyRateLimitStore {
  readonly #redis: RedisClient;
  readonly #fallback: MemoryWindows;

  constructor(redis: RedisClient, fallback: MemoryWindows) {
    this.#redis = redis;
    this.#fallback = fallback;
  }

  incr(key: string, callback: (error: Error | null, result?: WindowCount) => void, timeWindow: number): void {
    this.#redis
      .run('rate-limit', (connection) => FIXED_WINDOW.run(connection, [`rate-limit:${key}`], [timeWindow]))
      .then((reply) => callback(null, windowCount(reply)))
      .catch((error: unknown) => {
        if (error instanceof RedisUnavailableError) callback(null, this.#fallback.hit(key, timeWindow));
        else callback(error instanceof Error ? error : new Error(String(error)));
      });
  }

  /** Every limit shares one namespace: the keys themselves say which limit they count for. */
  child(): FastifyRateLimitStore {
    return this;
  }
}

/**
 * Rate limits counted in Redis, so they hold across every gateway replica. When Redis cannot
 * answer (down, failing over, its breaker open) each replica counts in its own memory until it
 * is back: the limits keep refusing floods, per replica rather than in total, and the API keeps
 * answering. Failing closed would turn a Redis outage into a whole-API outage; failing open
 * would drop the flood protection exactly when something is already wrong. The Redis client
 * logs the outage and its metrics count the commands that fell back.
 */
export function redisRateLimitStore(redis: RedisClient): FastifyRateLimitStoreCtor {
  const fallback = new MemoryWindows();
  return class extends RedisRateLimitStore {
    constructor() {
      super(redis, fallback);
    }
  };
}
