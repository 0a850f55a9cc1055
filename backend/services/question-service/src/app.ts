import type { AuthProvider } from '@know-foolery/shared/auth';
import type { Database } from '@know-foolery/shared/database';
import { createServiceApp, databaseReadiness, type ServiceApp } from '@know-foolery/shared/http-server';
import type { Clock } from '@know-foolery/shared/utils';
import type { FastifyBaseLogger } from 'fastify';
import type { QuestionDatabase } from './data/schema.js';
import { adminQuestionRoutes } from './routes/admin-questions.js';
import { gameSupplyRoutes } from './routes/game-supply.js';
import { questionImportRoutes } from './routes/question-imports.js';
import { themeRoutes } from './routes/themes.js';

export interface QuestionServiceDeps {
  readonly version: string;
  readonly auth: AuthProvider;
  readonly database: Database<QuestionDatabase>;
  readonly clock: Clock;
  /** Where random draws start; injected so tests can pin it. */
  readonly random?: () => number;
  readonly logger?: FastifyBaseLogger;
  readonly bodyLimitBytes?: number;
}

export function buildApp(deps: QuestionServiceDeps): ServiceApp {
  const app = createServiceApp({
    service: 'question-service',
    version: deps.version,
    description: 'The question bank: themes, curation, import, and questions for games.',
    auth: deps.auth,
    readiness: [databaseReadiness(deps.database)],
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: deps.bodyLimitBytes }),
  });
  const questionDeps = { db: deps.database.db, clock: deps.clock, random: deps.random ?? Math.random };
  app.register(themeRoutes(questionDeps));
  app.register(gameSupplyRoutes(questionDeps));
  app.register(adminQuestionRoutes(questionDeps));
  app.register(questionImportRoutes(questionDeps));
  return app;
}
