import {
  type BaseServiceConfig,
  type DatabaseConfig,
  type EnvSource,
  loadServiceConfig,
  readDatabaseConfig,
} from '@know-foolery/shared/config';

export interface UserServiceConfig extends BaseServiceConfig {
  readonly database: DatabaseConfig;
}

export function loadConfig(source: EnvSource): UserServiceConfig {
  return loadServiceConfig(source, 'user', (env) => ({
    database: readDatabaseConfig(env, 'user'),
  }));
}
