import { EnvReader, loadEnvironment, readRedisConfig } from '@know-foolery/shared/config';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import { errorMessage } from '@know-foolery/shared/utils';
import { formatGroups, inspectKeys } from './redis/inspect.js';

/** `npm run redis:inspect`: the platform's keys under REDIS_KEY_PREFIX, by group. */
async function main(): Promise<void> {
  const env = new EnvReader(loadEnvironment());
  const config = readRedisConfig(env);
  env.done();
  if (config.url === null) throw new Error('REDIS_URL is not set: the platform runs without Redis');
  const redis = new RedisClient({ config, url: config.url, metrics: createMetricsRegistry() });
  try {
    await redis.connect();
    process.stdout.write(`${formatGroups(await inspectKeys(redis, config.keyPrefix))}\n`);
  } finally {
    await redis.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`redis-inspect: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
