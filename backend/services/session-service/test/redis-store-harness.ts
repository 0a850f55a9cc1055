import { randomBytes } from 'node:crypto';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient, type RedisConnection } from '@know-foolery/shared/redis';
import { deleteKeys, testKeyPrefix, testRedisConfig } from '@know-foolery/shared/testing';
import type { Clock } from '@know-foolery/shared/utils';
import type { SessionKey } from '../src/crypto/keyring.js';
import { SessionSealer } from '../src/crypto/session-sealer.js';
import { RedisSessionStore } from '../src/data/redis-session-store.js';

export const testKey = (id: string): SessionKey => ({ id, secret: randomBytes(32) });

/** A Redis client under a key prefix of its own, and the clean-up that drops every key under it. */
export interface TestRedis {
  readonly url: string;
  readonly prefix: string;
  readonly redis: RedisClient;
  /** A command on the raw connection (keys without the prefix), for inspecting and tampering. */
  raw<T>(call: (connection: RedisConnection) => Promise<T>): Promise<T>;
  /** Every key under the prefix, as the platform names it (without the prefix), with its PTTL. */
  keys(): Promise<ReadonlyMap<string, number>>;
  release(): Promise<void>;
}

export async function openTestRedis(url: string, file: string): Promise<TestRedis> {
  const prefix = testKeyPrefix(file);
  const redis = new RedisClient({
    config: testRedisConfig({ keyPrefix: prefix }),
    url,
    metrics: createMetricsRegistry(),
  });
  await redis.connect();
  const raw = <T>(call: (connection: RedisConnection) => Promise<T>) => redis.run('test', call);
  return {
    url,
    prefix,
    redis,
    raw,
    keys: () =>
      raw(async (connection) => {
        const found = new Map<string, number>();
        let cursor = '0';
        do {
          const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          cursor = next;
          for (const key of keys) {
            const name = key.slice(prefix.length);
            found.set(name, await connection.pttl(name));
          }
        } while (cursor !== '0');
        return found;
      }),
    release: async () => {
      await redis.close();
      await deleteKeys(url, prefix);
    },
  };
}

export function redisStore(
  redis: RedisClient,
  clock: Clock,
  keys: readonly SessionKey[] = [testKey('k1')],
): RedisSessionStore {
  return new RedisSessionStore({ redis, clock, sealer: new SessionSealer(keys) });
}
