import { createAuth, serviceIdentity } from '@know-foolery/shared/auth';
import { openServiceDatabase, recordPoolMetrics } from '@know-foolery/shared/database';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { createMetricsRegistry, type MeteredService } from '@know-foolery/shared/observability';
import { openRedis } from '@know-foolery/shared/redis';
import { systemClock } from '@know-foolery/shared/utils';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { CachedUserDirectory } from './clients/cached-user-directory.js';
import { ServiceUserDirectory } from './clients/user-directory-client.js';
import type { LeaderboardServiceConfig } from './config.js';
import { leaderboardMigrations } from './data/migrations/index.js';
import { RedisBoardStore } from './data/redis-boards.js';
import type { LeaderboardDatabase } from './data/schema.js';
import { CachedBoards } from './use-cases/cached-boards.js';

/** Names remembered per process: a few bytes each, and far more than the boards ever show at once. */
const NAME_CACHE_MAX_ENTRIES = 10_000;

/** Wires the real dependencies named by the configuration into the app. */
export async function composeService(
  config: LeaderboardServiceConfig,
  logger: Logger,
): Promise<StartedService & MeteredService> {
  const database = await openServiceDatabase<LeaderboardDatabase>(
    config.database,
    leaderboardMigrations,
    logger,
  );
  const auth = createAuth(config.auth);
  const metrics = createMetricsRegistry({ service: 'leaderboard-service' });
  recordPoolMetrics(metrics, database);
  const redis = openRedis(config.redis, { metrics, logger });
  const boards =
    redis === undefined
      ? undefined
      : new CachedBoards({
          database,
          store: new RedisBoardStore(redis),
          clock: systemClock,
          refreshMs: config.boardRefreshSeconds * 1000,
          metrics,
          log: logger,
        });
  // Boards Redis lost while this instance was away are rebuilt now rather than on a player's read.
  const warmUp = boards?.warmUp();
  const userService = new ServiceClient({
    name: 'user-service',
    baseUrl: config.userServiceUrl,
    config: config.serviceClient,
  });
  const users = new CachedUserDirectory(
    new ServiceUserDirectory(userService, serviceIdentity(auth, 'leaderboard')),
    { ttlMs: config.nameCacheSeconds * 1000, maxEntries: NAME_CACHE_MAX_ENTRIES, clock: systemClock },
  );
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    auth: auth.provider,
    database,
    clock: systemClock,
    users,
    ...(boards === undefined ? {} : { boards }),
    ...(redis === undefined ? {} : { redis }),
    circuits: { 'user-service': userService },
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
    metrics,
  });
  return {
    app,
    metrics,
    release: async () => {
      await warmUp;
      await userService.close();
      await redis?.close();
      await database.close();
    },
  };
}
