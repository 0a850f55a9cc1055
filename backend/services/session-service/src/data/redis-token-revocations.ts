import { type RedisClient, RedisScript } from '@know-foolery/shared/redis';
import type { Clock } from '@know-foolery/shared/utils';
import { markEndMs, type TokenRevocations, type TokenRevocationsOptions } from './token-revocations.js';

/** KEYS: the mark. ARGV: the new mark (epoch ms), its TTL. Keeps the later of the stored and the new mark. */
const REVOKE_BEFORE = new RedisScript(`
local current = tonumber(redis.call('GET', KEYS[1]))
if current ~= nil and current >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`);

const EPOCH_MS = /^\d{1,15}$/;

export const revocationKey = (userId: string): string => `token-revocation:${userId}`;

/**
 * Revocation marks in Redis, seen by every replica: the epoch ms before which the user's tokens
 * are refused, each expiring once every token it refuses has expired on its own.
 */
export class RedisTokenRevocations implements TokenRevocations {
  readonly #redis: RedisClient;
  readonly #clock: Clock;
  readonly #options: TokenRevocationsOptions;

  constructor(options: TokenRevocationsOptions & { readonly redis: RedisClient }) {
    this.#redis = options.redis;
    this.#clock = options.clock;
    this.#options = options;
  }

  async revokeBefore(userId: string, at: Date): Promise<void> {
    const ttl = markEndMs(at, this.#options) - this.#clock.now().getTime();
    // A mark whose every token has already expired refuses nothing.
    if (ttl <= 0) return;
    await this.#redis.run('token-revoke', (connection) =>
      REVOKE_BEFORE.run(connection, [revocationKey(userId)], [at.getTime(), ttl]),
    );
  }

  async revokedBefore(userId: string): Promise<Date | undefined> {
    const stored = await this.#redis.run('token-revocation', (connection) =>
      connection.get(revocationKey(userId)),
    );
    if (stored === null) return undefined;
    // Fails closed: a mark nobody can read must not let the user's old tokens back in.
    if (!EPOCH_MS.test(stored)) throw new Error('a token revocation mark is not a time');
    const mark = new Date(Number(stored));
    return this.#clock.now().getTime() < markEndMs(mark, this.#options) ? mark : undefined;
  }
}
