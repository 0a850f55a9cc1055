import { createAuth, serviceIdentity } from '@know-foolery/shared/auth';
import { openServiceDatabase, recordPoolMetrics } from '@know-foolery/shared/database';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { createMetricsRegistry, type MeteredService } from '@know-foolery/shared/observability';
import { systemClock } from '@know-foolery/shared/utils';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { httpDownstreams } from './clients/http-downstreams.js';
import type { GameServiceConfig } from './config.js';
import { gameMigrations } from './data/migrations/index.js';
import type { GameDatabase } from './data/schema.js';

export async function composeService(
  config: GameServiceConfig,
  logger: Logger,
): Promise<StartedService & MeteredService> {
  const database = await openServiceDatabase<GameDatabase>(config.database, gameMigrations, logger);
  const auth = createAuth(config.auth);
  const metrics = createMetricsRegistry({ service: 'game-service' });
  recordPoolMetrics(metrics, database);
  const clients = {
    question: new ServiceClient({
      name: 'question-service',
      baseUrl: config.urls.question,
      config: config.client,
    }),
    user: new ServiceClient({ name: 'user-service', baseUrl: config.urls.user, config: config.client }),
    leaderboard: new ServiceClient({
      name: 'leaderboard-service',
      baseUrl: config.urls.leaderboard,
      config: config.client,
    }),
  };
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    auth: auth.provider,
    database,
    downstreams: httpDownstreams(clients, serviceIdentity(auth, 'game')),
    circuits: {
      'question-service': clients.question,
      'user-service': clients.user,
      'leaderboard-service': clients.leaderboard,
    },
    clock: systemClock,
    rules: config.rules,
    sweepExpiredGames: true,
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
    metrics,
  });
  return {
    app,
    metrics,
    release: async () => {
      await Promise.all(Object.values(clients).map((client) => client.close()));
      await database.close();
    },
  };
}
