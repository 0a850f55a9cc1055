import {
  type BaseServiceConfig,
  type DatabaseConfig,
  type EnvSource,
  loadServiceConfig,
  readDatabaseConfig,
} from '@know-foolery/shared/config';

export interface QuestionServiceConfig extends BaseServiceConfig {
  readonly database: DatabaseConfig;
}

export function loadConfig(source: EnvSource): QuestionServiceConfig {
  return loadServiceConfig(source, 'question', (env) => ({
    database: readDatabaseConfig(env, 'question'),
  }));
}
