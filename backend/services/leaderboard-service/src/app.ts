import type { AuthProvider } from '@know-foolery/shared/auth';
import type { Database } from '@know-foolery/shared/database';
import {
  createServiceApp,
  databaseReadiness,
  type ReadinessCheck,
  type ReportedCircuit,
  redisReadiness,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import type { MetricsRegistry } from '@know-foolery/shared/observability';
import type { RedisClient } from '@know-foolery/shared/redis';
import type { Clock } from '@know-foolery/shared/utils';
import type { FastifyBaseLogger } from 'fastify';
import type { UserDirectory } from './clients/user-directory-client.js';
import type { LeaderboardDatabase } from './data/schema.js';
import { leaderboardRoutes } from './routes/leaderboard.js';
import { scoreRoutes } from './routes/scores.js';
import { type Boards, SqlBoards } from './use-cases/boards.js';

export interface LeaderboardServiceDeps {
  readonly version: string;
  readonly auth: AuthProvider;
  readonly database: Database<LeaderboardDatabase>;
  readonly clock: Clock;
  readonly users: UserDirectory;
  /** Where the boards are read: by default SQL over the database; `CachedBoards` with Redis. */
  readonly boards?: Boards;
  /** The Redis the boards are cached in, reported by readiness. */
  readonly redis?: RedisClient;
  /** The circuit breakers of its clients, by downstream: reported by readiness. */
  readonly circuits?: Readonly<Record<string, ReportedCircuit>>;
  readonly logger?: FastifyBaseLogger;
  readonly bodyLimitBytes?: number;
  /** The process's registry; without one, what the app records goes unread (tests). */
  readonly metrics?: MetricsRegistry;
}

export function buildApp(deps: LeaderboardServiceDeps): ServiceApp {
  // user-service is not a readiness dependency: without it the board still answers, unnamed.
  const readiness: ReadinessCheck[] = [databaseReadiness(deps.database)];
  // Without Redis the boards are read from the database: degraded, still serving.
  if (deps.redis !== undefined) readiness.push(redisReadiness(deps.redis, { cacheOnly: true }));
  const app = createServiceApp({
    service: 'leaderboard-service',
    version: deps.version,
    description: "Players' best game scores, ranked all-time and by ISO week (UTC, from Monday).",
    auth: deps.auth,
    readiness,
    ...(deps.circuits === undefined ? {} : { circuits: deps.circuits }),
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: deps.bodyLimitBytes }),
    ...(deps.metrics === undefined ? {} : { metrics: deps.metrics }),
  });
  const boards = deps.boards ?? new SqlBoards(deps.database);
  app.register(scoreRoutes({ db: deps.database.db, boards }));
  app.register(leaderboardRoutes({ boards, clock: deps.clock, users: deps.users }));
  return app;
}
