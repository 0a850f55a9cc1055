import { createAuth } from '@know-foolery/shared/auth';
import { openServiceDatabase } from '@know-foolery/shared/database';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { systemClock } from '@know-foolery/shared/utils';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { QuestionServiceConfig } from './config.js';
import { questionMigrations } from './data/migrations/index.js';
import type { QuestionDatabase } from './data/schema.js';

/** Wires the real dependencies named by the configuration into the app. */
export async function composeService(config: QuestionServiceConfig, logger: Logger): Promise<StartedService> {
  const database = await openServiceDatabase<QuestionDatabase>(config.database, questionMigrations, logger);
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    auth: createAuth(config.auth).provider,
    database,
    clock: systemClock,
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
  });
  return { app, release: () => database.close() };
}
