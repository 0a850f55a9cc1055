import { describeRedisUrl, type RedisConfig } from '../config/index.js';
import type { MetricsRegistry } from '../observability/index.js';
import { RedisClient, type RedisLogger } from './redis-client.js';

export interface StartupLogger extends RedisLogger {
  info(details: Readonly<Record<string, unknown>>, message: string): void;
}

function target(config: RedisConfig, url: string): string {
  switch (config.mode) {
    case 'single':
      return describeRedisUrl(url);
    case 'sentinel':
      return `master "${config.sentinelMaster}" via ${config.sentinels.map((a) => `${a.host}:${a.port}`).join(',')}`;
    case 'cluster':
      return `cluster seeded by ${config.clusterNodes.map((a) => `${a.host}:${a.port}`).join(',')}`;
  }
}

/**
 * The process's Redis client when `REDIS_URL` is set, else undefined (the in-memory
 * implementations serve); either way the start-up log says which. Connecting goes on in the
 * background, retried with backoff: a process whose Redis is late still starts, and its commands
 * fail fast (`RedisUnavailableError`) until Redis answers.
 */
export function openRedis(
  config: RedisConfig,
  options: { readonly metrics: MetricsRegistry; readonly logger: StartupLogger },
): RedisClient | undefined {
  const { logger } = options;
  if (config.url === null) {
    logger.info({ redis: 'memory' }, 'Redis: not configured (no REDIS_URL), using in-memory implementations');
    return undefined;
  }
  const redis = new RedisClient({ config, url: config.url, metrics: options.metrics, logger });
  logger.info(
    { redis: config.mode, keyPrefix: config.keyPrefix },
    `Redis: ${config.mode}, ${target(config, config.url)}, key prefix "${config.keyPrefix}"`,
  );
  redis.connect().catch((error: unknown) => {
    logger.warn(
      { error: error instanceof Error ? error.message : String(error) },
      'Redis: not reachable yet, retrying',
    );
  });
  return redis;
}
