import { createCache } from '@know-foolery/shared/cache';
import type { RedisConfig } from '@know-foolery/shared/config';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import { errorMessage } from '@know-foolery/shared/utils';
import { QuestionCache } from '../data/question-cache.js';

/** What became of the running services' caches after a seed. */
export type CacheNotice =
  | { readonly told: true }
  | { readonly told: false; readonly reason: string }
  | { readonly told: null };

/**
 * The running question-service instances cache the bank as it was before the seed: when they share
 * a Redis (`REDIS_URL`), the seed invalidates their caches there as their own imports do. Without
 * Redis there is nobody to tell (`told: null`); when Redis cannot be reached, their caches catch up
 * by their TTL (a minute).
 */
export async function invalidateRunningCaches(config: RedisConfig): Promise<CacheNotice> {
  if (config.url === null) return { told: null };
  const metrics = createMetricsRegistry();
  const redis = new RedisClient({ config, url: config.url, metrics });
  try {
    await redis.connect();
    const cache = createCache({
      name: 'questions',
      redis: { client: redis, keyPrefix: config.keyPrefix },
      metrics,
    });
    try {
      return (await new QuestionCache(cache).bankChanged())
        ? { told: true }
        : { told: false, reason: 'Redis did not take the invalidation' };
    } finally {
      await cache.close();
    }
  } catch (error) {
    return { told: false, reason: errorMessage(error) };
  } finally {
    await redis.close();
  }
}
