import { createAuth } from '@know-foolery/shared/auth';
import { openServiceDatabase, recordPoolMetrics } from '@know-foolery/shared/database';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { createMetricsRegistry, type MeteredService } from '@know-foolery/shared/observability';
import { systemClock } from '@know-foolery/shared/utils';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { UserServiceConfig } from './config.js';
import { userMigrations } from './data/migrations/index.js';
import type { UserDatabase } from './data/schema.js';

/** Wires the real dependencies named by the configuration into the app. */
export async function composeService(
  config: UserServiceConfig,
  logger: Logger,
): Promise<StartedService & MeteredService> {
  const database = await openServiceDatabase<UserDatabase>(config.database, userMigrations, logger);
  const metrics = createMetricsRegistry({ service: 'user-service' });
  recordPoolMetrics(metrics, database);
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    auth: createAuth(config.auth).provider,
    database,
    clock: systemClock,
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
    metrics,
  });
  return { app, metrics, release: () => database.close() };
}
