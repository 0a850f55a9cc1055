import type { AuthProvider } from '@know-foolery/shared/auth';
import {
  createServiceApp,
  httpReadiness,
  type ReportedCircuit,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import type { MetricsRegistry } from '@know-foolery/shared/observability';
import type { FastifyBaseLogger } from 'fastify';
import type { GameStatsClient } from './clients/game-stats-client.js';
import type { QuestionAdminClient } from './clients/question-admin-client.js';
import { playerRoutes } from './routes/players.js';
import { questionImportRoutes } from './routes/question-import.js';
import { questionStatsRoutes } from './routes/question-stats.js';
import { questionRoutes } from './routes/questions.js';
import type { PlayerAccountDeps } from './use-cases/player-accounts.js';

export interface AdminServiceDeps {
  readonly version: string;
  readonly auth: AuthProvider;
  readonly questions: QuestionAdminClient;
  readonly gameStats: GameStatsClient;
  /** Player accounts at Zitadel and their sessions; null without Zitadel (AUTH_PROVIDER=mock): no player routes. */
  readonly players: PlayerAccountDeps | null;
  /** question-service's base URL, whose readiness this service's readiness follows. */
  readonly questionServiceUrl: string;
  /** The circuit breakers of its clients, by downstream: reported by readiness. */
  readonly circuits?: Readonly<Record<string, ReportedCircuit>>;
  readonly logger?: FastifyBaseLogger;
  readonly bodyLimitBytes?: number;
  /** The process's registry; without one, what the app records goes unread (tests). */
  readonly metrics?: MetricsRegistry;
}

export function buildApp(deps: AdminServiceDeps): ServiceApp {
  const app = createServiceApp({
    service: 'admin-service',
    version: deps.version,
    description: 'Question management and statistics for admins, served by the services that own them.',
    auth: deps.auth,
    // admin-service holds no state: it is ready when it can do its job. Every question route needs
    // question-service, so readiness follows it. game-service backs one route only (statistics):
    // while it is down that route answers 502/503 itself and the rest of the admin API keeps working,
    // so it is deliberately not a readiness dependency; nor, for the same reason, are Zitadel and
    // session-service, which back the player routes only.
    readiness: [httpReadiness('question-service', deps.questionServiceUrl)],
    ...(deps.circuits === undefined ? {} : { circuits: deps.circuits }),
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: deps.bodyLimitBytes }),
    ...(deps.metrics === undefined ? {} : { metrics: deps.metrics }),
  });
  app.register(questionRoutes(deps.questions));
  app.register(questionImportRoutes(deps.questions));
  app.register(questionStatsRoutes({ questions: deps.questions, gameStats: deps.gameStats }));
  if (deps.players !== null) app.register(playerRoutes(deps.players));
  return app;
}
