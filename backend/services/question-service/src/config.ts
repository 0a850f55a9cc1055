import {
  type BaseServiceConfig,
  type DatabaseConfig,
  type EnvSource,
  loadServiceConfig,
  type RedisConfig,
  readDatabaseConfig,
  readRedisConfig,
} from '@know-foolery/shared/config';

export interface QuestionServiceConfig extends BaseServiceConfig {
  readonly database: DatabaseConfig;
  /** With `REDIS_URL`, the question cache is shared by every instance and invalidated on all of them. */
  readonly redis: RedisConfig;
}

export function loadConfig(source: EnvSource): QuestionServiceConfig {
  return loadServiceConfig(source, 'question', (env) => ({
    database: readDatabaseConfig(env, 'question'),
    redis: readRedisConfig(env),
  }));
}
