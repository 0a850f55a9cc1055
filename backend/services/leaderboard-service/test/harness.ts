import { serviceIdentity } from '@know-foolery/shared/auth';
import type { ServiceClientConfig } from '@know-foolery/shared/config';
import type { Database } from '@know-foolery/shared/database';
import { ServiceClient } from '@know-foolery/shared/http-client';
import type { RedisClient } from '@know-foolery/shared/redis';
import { testAuth } from '@know-foolery/shared/testing';
import type { Clock } from '@know-foolery/shared/utils';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from '../src/app.js';
import { ServiceUserDirectory, type UserDirectory } from '../src/clients/user-directory-client.js';
import type { LeaderboardDatabase } from '../src/data/schema.js';
import type { Boards } from '../src/use-cases/boards.js';

export const auth = testAuth();

/** No retries and a breaker that never opens: each test sees exactly what one call does. */
const clientConfig: ServiceClientConfig = {
  timeoutMs: 2_000,
  retries: 0,
  breakerFailureThreshold: 1_000,
  breakerFirstProbeMs: 1_000,
  breakerResetMs: 1_000,
};

export interface LeaderboardHarness {
  readonly app: ReturnType<typeof buildApp>;
  close(): Promise<void>;
}

export interface LeaderboardOptions {
  readonly logger?: FastifyBaseLogger;
  /** The boards to read; SQL over `database` when absent. */
  readonly boards?: Boards;
  readonly redis?: RedisClient;
  /** Wraps the directory over user-service, as compose does with its name cache. */
  readonly users?: (directory: UserDirectory) => UserDirectory;
}

/** The leaderboard app on `database`, naming players through the user-service at `userServiceUrl`. */
export async function startLeaderboard(
  database: Database<LeaderboardDatabase>,
  clock: Clock,
  userServiceUrl: string,
  options: LeaderboardOptions = {},
): Promise<LeaderboardHarness> {
  const userService = new ServiceClient({
    name: 'user-service',
    baseUrl: userServiceUrl,
    config: clientConfig,
  });
  const directory = new ServiceUserDirectory(userService, serviceIdentity(auth, 'leaderboard'));
  const { logger, boards, redis, users } = options;
  const app = buildApp({
    version: 'test',
    auth: auth.provider,
    database,
    clock,
    users: users === undefined ? directory : users(directory),
    ...(logger === undefined ? {} : { logger }),
    ...(boards === undefined ? {} : { boards }),
    ...(redis === undefined ? {} : { redis }),
  });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await userService.close();
    },
  };
}

export interface Submission {
  readonly gameId: string;
  readonly userId: string;
  readonly score: number;
  readonly finishedAt: string;
}

export async function submitScore(app: LeaderboardHarness['app'], submission: Submission) {
  return app.inject({
    method: 'POST',
    url: '/internal/scores',
    headers: { authorization: await auth.bearer('service:game', ['service']) },
    payload: submission,
  });
}
