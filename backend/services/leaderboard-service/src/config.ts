import {
  type BaseServiceConfig,
  type DatabaseConfig,
  type EnvSource,
  loadServiceConfig,
  type RedisConfig,
  readDatabaseConfig,
  readRedisConfig,
  readServiceClientConfig,
  readServiceUrl,
  type ServiceClientConfig,
} from '@know-foolery/shared/config';
import { DISPLAY_NAME_MAX_CACHE_SECONDS } from '@know-foolery/user-service/contract';

export interface LeaderboardServiceConfig extends BaseServiceConfig {
  readonly database: DatabaseConfig;
  /** user-service, asked for the display names shown on the board. */
  readonly userServiceUrl: string;
  readonly serviceClient: ServiceClientConfig;
  /** With `REDIS_URL`, the boards are Redis sorted sets in front of the database. */
  readonly redis: RedisConfig;
  /**
   * How long a board in Redis is trusted before it is rebuilt from the database: the longest
   * another instance can show a board without a score whose write Redis missed.
   */
  readonly boardRefreshSeconds: number;
  /** How long a display name is shown after user-service gave it; 0 asks on every read. */
  readonly nameCacheSeconds: number;
}

export function loadConfig(source: EnvSource): LeaderboardServiceConfig {
  return loadServiceConfig(source, 'leaderboard', (env) => ({
    database: readDatabaseConfig(env, 'leaderboard'),
    userServiceUrl: readServiceUrl(env, 'user'),
    serviceClient: readServiceClientConfig(env),
    redis: readRedisConfig(env),
    boardRefreshSeconds: env.integer('LEADERBOARD_BOARD_REFRESH_SECONDS', 3_600, { min: 1, max: 86_400 }),
    nameCacheSeconds: env.integer('LEADERBOARD_NAME_CACHE_SECONDS', 60, {
      min: 0,
      max: DISPLAY_NAME_MAX_CACHE_SECONDS,
    }),
  }));
}
