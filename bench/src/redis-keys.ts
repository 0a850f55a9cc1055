import { EnvReader, readRedisConfig } from '@know-foolery/shared/config';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';

/** Removes every key a bench run wrote under `keyPrefix` (the client's own prefix). */
export async function removeBenchKeys(redis: RedisClient, keyPrefix: string): Promise<void> {
  const keys = await redis.run('keys', (connection) => connection.keys(`${keyPrefix}*`));
  if (keys.length === 0) return;
  const unprefixed = keys.map((key) => key.slice(keyPrefix.length));
  await redis.run('del', (connection) => connection.del(...unprefixed));
}

/** The same for a prefix the platform's services wrote under, through a client of its own. */
export async function removePlatformKeys(url: string, keyPrefix: string): Promise<void> {
  const config = readRedisConfig(new EnvReader({ REDIS_URL: url, REDIS_KEY_PREFIX: keyPrefix }));
  const redis = new RedisClient({ config, url, metrics: createMetricsRegistry() });
  await redis.connect();
  try {
    await removeBenchKeys(redis, keyPrefix);
  } finally {
    await redis.close();
  }
}
