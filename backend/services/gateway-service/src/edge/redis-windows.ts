import { type RedisClient, RedisScript, RedisUnavailableError } from '@know-foolery/shared/redis';
import type { WindowCount, WindowCounter } from './rate-limit-store.js';

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

/** The script's reply, `[count, ttl]`, checked: a script changed on one side only must not count as zero. */
export function windowCount(reply: unknown): WindowCount {
  if (Array.isArray(reply) && typeof reply[0] === 'number' && typeof reply[1] === 'number') {
    return { current: reply[0], ttl: reply[1] };
  }
  throw new Error('the rate-limit script answered in an unexpected shape');
}

/** Where a window's counter lives, under the client's key prefix. */
export const windowKey = (key: string): string => `rate-limit:${key}`;

/**
 * Fixed windows in Redis, so the limits hold across every gateway replica. When Redis cannot
 * answer (down, failing over, its breaker open) each replica counts in `fallback`, its own
 * memory, until it is back: the limits keep refusing floods, per replica rather than in total,
 * and the API keeps answering. Failing closed would turn a Redis outage into a whole-API outage;
 * failing open would drop the flood protection exactly when something is already wrong. The
 * Redis client logs the outage and its metrics count the commands that fell back.
 */
export class RedisWindows implements WindowCounter {
  readonly #redis: RedisClient;
  readonly #fallback: WindowCounter;

  constructor(redis: RedisClient, fallback: WindowCounter) {
    this.#redis = redis;
    this.#fallback = fallback;
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    try {
      const reply = await this.#redis.run('rate-limit', (connection) =>
        FIXED_WINDOW.run(connection, [windowKey(key)], [windowMs]),
      );
      return windowCount(reply);
    } catch (error) {
      if (error instanceof RedisUnavailableError) return this.#fallback.hit(key, windowMs);
      throw error;
    }
  }
}
