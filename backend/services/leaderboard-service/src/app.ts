import type { AuthProvider } from '@know-foolery/shared/auth';
import type { Database } from '@know-foolery/shared/database';
import {
  createServiceApp,
  databaseReadiness,
  type ReportedCircuit,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import type { Clock } from '@know-foolery/shared/utils';
import type { FastifyBaseLogger } from 'fastify';
import type { UserDirectory } from './clients/user-directory-client.js';
import type { LeaderboardDatabase } from './data/schema.js';
import { leaderboardRoutes } from './routes/leaderboard.js';
import { scoreRoutes } from './routes/scores.js';

export interface LeaderboardServiceDeps {
  readonly version: string;
  readonly auth: AuthProvider;
  readonly database: Database<LeaderboardDatabase>;
  readonly clock: Clock;
  readonly users: UserDirectory;
  /** The circuit breakers of its clients, by downstream: reported by readiness. */
  readonly circuits?: Readonly<Record<string, ReportedCircuit>>;
  readonly logger?: FastifyBaseLogger;
  readonly bodyLimitBytes?: number;
}

export function buildApp(deps: LeaderboardServiceDeps): ServiceApp {
  const app = createServiceApp({
    service: 'leaderboard-service',
    version: deps.version,
    description: "Players' best game scores, ranked all-time and by ISO week (UTC, from Monday).",
    auth: deps.auth,
    // user-service is not a readiness dependency: without it the board still answers, unnamed.
    readiness: [databaseReadiness(deps.database)],
    ...(deps.circuits === undefined ? {} : { circuits: deps.circuits }),
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: deps.bodyLimitBytes }),
  });
  app.register(scoreRoutes(deps.database.db));
  app.register(leaderboardRoutes({ db: deps.database.db, clock: deps.clock, users: deps.users }));
  return app;
}
