import {
  type BaseServiceConfig,
  type DatabaseConfig,
  type EnvSource,
  loadServiceConfig,
  readDatabaseConfig,
  readServiceClientConfig,
  readServiceUrl,
  type ServiceClientConfig,
} from '@know-foolery/shared/config';

export interface LeaderboardServiceConfig extends BaseServiceConfig {
  readonly database: DatabaseConfig;
  /** user-service, asked for the display names shown on the board. */
  readonly userServiceUrl: string;
  readonly serviceClient: ServiceClientConfig;
}

export function loadConfig(source: EnvSource): LeaderboardServiceConfig {
  return loadServiceConfig(source, 'leaderboard', (env) => ({
    database: readDatabaseConfig(env, 'leaderboard'),
    userServiceUrl: readServiceUrl(env, 'user'),
    serviceClient: readServiceClientConfig(env),
  }));
}
