import type { AuthProvider } from '@know-foolery/shared/auth';
import { createCache, type PlatformCache } from '@know-foolery/shared/cache';
import type { Database } from '@know-foolery/shared/database';
import {
  createServiceApp,
  databaseReadiness,
  type ReadinessCheck,
  redisReadiness,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { createMetricsRegistry, type MetricsRegistry } from '@know-foolery/shared/observability';
import type { RedisClient } from '@know-foolery/shared/redis';
import type { Clock } from '@know-foolery/shared/utils';
import type { FastifyBaseLogger } from 'fastify';
import { QuestionCache } from './data/question-cache.js';
import type { QuestionDatabase } from './data/schema.js';
import { countedImports } from './import-metrics.js';
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
  /** The cache in front of the database; without one the app keeps its own in memory and closes it. */
  readonly cache?: PlatformCache;
  /** The Redis the cache uses, checked in readiness (`degraded` while down: the cache only caches). */
  readonly redis?: RedisClient;
  /** The process's registry; without one, what the app records goes unread (tests). */
  readonly metrics?: MetricsRegistry;
}

export function buildApp(deps: QuestionServiceDeps): ServiceApp {
  const readiness: ReadinessCheck[] = [databaseReadiness(deps.database)];
  if (deps.redis !== undefined) readiness.push(redisReadiness(deps.redis, { cacheOnly: true }));
  const metrics = deps.metrics ?? createMetricsRegistry();
  const app = createServiceApp({
    service: 'question-service',
    version: deps.version,
    description: 'The question bank: themes, curation, import, and questions for games.',
    auth: deps.auth,
    readiness,
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: deps.bodyLimitBytes }),
    metrics,
  });
  const cache = deps.cache ?? createCache({ name: 'questions', metrics });
  if (deps.cache === undefined) app.addHook('onClose', () => cache.close());
  const questionDeps = {
    db: deps.database.db,
    clock: deps.clock,
    random: deps.random ?? Math.random,
    cache: new QuestionCache(cache),
  };
  app.register(themeRoutes(questionDeps));
  app.register(gameSupplyRoutes(questionDeps));
  app.register(adminQuestionRoutes(questionDeps));
  app.register(questionImportRoutes(questionDeps, countedImports(metrics)));
  return app;
}
