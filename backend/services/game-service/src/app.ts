import type { AuthProvider } from '@know-foolery/shared/auth';
import type { Database } from '@know-foolery/shared/database';
import {
  createServiceApp,
  databaseReadiness,
  type ReportedCircuit,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { createMetricsRegistry, type MetricsRegistry } from '@know-foolery/shared/observability';
import type { Clock } from '@know-foolery/shared/utils';
import type { FastifyBaseLogger } from 'fastify';
import type { Downstreams } from './clients/downstreams.js';
import type { GameRulesConfig } from './config.js';
import type { GameDatabase } from './data/schema.js';
import { countedGameEvents } from './game-metrics.js';
import { gameRoutes } from './routes/games.js';
import { statsRoutes } from './routes/stats.js';
import { ExpirySweeper } from './use-cases/expiry-sweeper.js';
import type { GameDeps } from './use-cases/games.js';

export interface GameServiceDeps {
  readonly version: string;
  readonly auth: AuthProvider;
  readonly database: Database<GameDatabase>;
  readonly downstreams: Downstreams;
  readonly clock: Clock;
  readonly rules: GameRulesConfig;
  /** Whether the app closes expired games on a timer while it runs (tests drive the sweeper themselves). */
  readonly sweepExpiredGames: boolean;
  /** The circuit breakers of its clients, by downstream: reported by readiness. */
  readonly circuits?: Readonly<Record<string, ReportedCircuit>>;
  readonly logger?: FastifyBaseLogger;
  readonly bodyLimitBytes?: number;
  /** The process's registry; without one, what the app records goes unread (tests). */
  readonly metrics?: MetricsRegistry;
}

export function buildApp(deps: GameServiceDeps): ServiceApp {
  const metrics = deps.metrics ?? createMetricsRegistry();
  const app = createServiceApp({
    service: 'game-service',
    version: deps.version,
    description: 'Games: questions handed out one at a time, attempts, hints and scores.',
    auth: deps.auth,
    readiness: [databaseReadiness(deps.database)],
    ...(deps.circuits === undefined ? {} : { circuits: deps.circuits }),
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: deps.bodyLimitBytes }),
    metrics,
  });
  const gameDeps: GameDeps = {
    db: deps.database.db,
    clock: deps.clock,
    downstreams: deps.downstreams,
    durationSeconds: deps.rules.durationSeconds,
    similarityThreshold: deps.rules.similarityThreshold,
    warn: (details, message) => app.log.warn(details, message),
    events: countedGameEvents(metrics),
  };
  app.register(gameRoutes(gameDeps));
  app.register(statsRoutes(deps.database.db));
  if (deps.sweepExpiredGames) {
    const sweeper = new ExpirySweeper(gameDeps, deps.rules.expirySweepIntervalMs);
    app.addHook('onReady', async () => sweeper.start());
    app.addHook('onClose', async () => sweeper.stop());
  }
  return app;
}
