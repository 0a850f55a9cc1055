import { createAuth, serviceIdentity } from '@know-foolery/shared/auth';
import { openServiceDatabase } from '@know-foolery/shared/database';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { systemClock } from '@know-foolery/shared/utils';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { ServiceUserDirectory } from './clients/user-directory-client.js';
import type { LeaderboardServiceConfig } from './config.js';
import { leaderboardMigrations } from './data/migrations/index.js';
import type { LeaderboardDatabase } from './data/schema.js';

/** Wires the real dependencies named by the configuration into the app. */
export async function composeService(
  config: LeaderboardServiceConfig,
  logger: Logger,
): Promise<StartedService> {
  const database = await openServiceDatabase<LeaderboardDatabase>(
    config.database,
    leaderboardMigrations,
    logger,
  );
  const auth = createAuth(config.auth);
  const userService = new ServiceClient({
    name: 'user-service',
    baseUrl: config.userServiceUrl,
    config: config.serviceClient,
  });
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    auth: auth.provider,
    database,
    clock: systemClock,
    users: new ServiceUserDirectory(userService, serviceIdentity(auth, 'leaderboard')),
    circuits: { 'user-service': userService },
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
  });
  return {
    app,
    release: async () => {
      await userService.close();
      await database.close();
    },
  };
}
