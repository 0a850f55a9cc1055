import { createAuth } from '@know-foolery/shared/auth';
import { createCache } from '@know-foolery/shared/cache';
import { openServiceDatabase, recordPoolMetrics } from '@know-foolery/shared/database';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { createMetricsRegistry, type MeteredService } from '@know-foolery/shared/observability';
import { openRedis } from '@know-foolery/shared/redis';
import { systemClock } from '@know-foolery/shared/utils';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { QuestionServiceConfig } from './config.js';
import { questionMigrations } from './data/migrations/index.js';
import type { QuestionDatabase } from './data/schema.js';

/** Wires the real dependencies named by the configuration into the app. */
export async function composeService(
  config: QuestionServiceConfig,
  logger: Logger,
): Promise<StartedService & MeteredService> {
  const database = await openServiceDatabase<QuestionDatabase>(config.database, questionMigrations, logger);
  const metrics = createMetricsRegistry({ service: 'question-service' });
  recordPoolMetrics(metrics, database);
  const redis = openRedis(config.redis, { metrics, logger });
  const cache = createCache({
    name: 'questions',
    redis: redis === undefined ? undefined : { client: redis, keyPrefix: config.redis.keyPrefix },
    metrics,
    logger,
  });
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    auth: createAuth(config.auth).provider,
    database,
    clock: systemClock,
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
    cache,
    ...(redis === undefined ? {} : { redis }),
    metrics,
  });
  return {
    app,
    metrics,
    release: async () => {
      await cache.close();
      await redis?.close();
      await database.close();
    },
  };
}
