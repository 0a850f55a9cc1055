import { createAuth } from '@know-foolery/shared/auth';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { createMetricsRegistry, type MeteredService } from '@know-foolery/shared/observability';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { ServiceGameStatsClient } from './clients/game-stats-client.js';
import { ServiceQuestionAdminClient } from './clients/question-admin-client.js';
import { playerManagement } from './compose-players.js';
import type { AdminServiceConfig } from './config.js';

/** Wires the real dependencies named by the configuration into the app. */
export async function composeService(
  config: AdminServiceConfig,
  logger: Logger,
): Promise<StartedService & MeteredService> {
  const auth = createAuth(config.auth);
  const metrics = createMetricsRegistry({ service: 'admin-service' });
  const questionService = new ServiceClient({
    name: 'question-service',
    baseUrl: config.questionServiceUrl,
    config: config.serviceClient,
  });
  const questionImports = new ServiceClient({
    name: 'question-service',
    baseUrl: config.questionServiceUrl,
    config: { ...config.serviceClient, timeoutMs: config.importTimeoutMs },
    // Imports are rare and heavy: a couple of connections is plenty.
    connections: 2,
  });
  const gameService = new ServiceClient({
    name: 'game-service',
    baseUrl: config.gameServiceUrl,
    config: config.serviceClient,
  });
  const players = playerManagement(config, auth);
  logger.info(
    { userDirectory: players === null ? 'none' : 'zitadel' },
    players === null
      ? 'player accounts cannot be managed: AUTH_PROVIDER=mock has no user directory'
      : 'player accounts are managed in Zitadel',
  );
  const clients: Record<string, ServiceClient> = {
    'question-service': questionService,
    'question-service-imports': questionImports,
    'game-service': gameService,
    ...players?.clients,
  };
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    auth: auth.provider,
    questions: new ServiceQuestionAdminClient({ calls: questionService, imports: questionImports }),
    gameStats: new ServiceGameStatsClient(gameService),
    players: players?.deps ?? null,
    questionServiceUrl: config.questionServiceUrl,
    circuits: clients,
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
    metrics,
  });
  return {
    app,
    metrics,
    release: async () => {
      await Promise.all(Object.values(clients).map((client) => client.close()));
    },
  };
}
