import { createHash } from 'node:crypto';
import type { RedisConnection } from './connection.js';

/**
 * A Lua script sent once and then called by its SHA1 (EVALSHA), so each call carries only its
 * arguments; a server that does not know it yet (restarted, failed over) gets the whole script.
 * Every key a script touches must be in `keys`, and in cluster mode share one hash tag.
 */
export class RedisScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  async run(
    connection: RedisConnection,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await connection.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return await connection.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}
