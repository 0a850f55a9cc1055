import {
  type BaseServiceConfig,
  type EnvSource,
  loadServiceConfig,
  readServiceClientConfig,
  readServiceUrl,
  type ServiceClientConfig,
} from '@know-foolery/shared/config';

export interface AdminServiceConfig extends BaseServiceConfig {
  readonly questionServiceUrl: string;
  readonly gameServiceUrl: string;
  readonly serviceClient: ServiceClientConfig;
  /** A question import parses and stores up to 8 MiB: it may take far longer than an ordinary call. */
  readonly importTimeoutMs: number;
}

export function loadConfig(source: EnvSource): AdminServiceConfig {
  return loadServiceConfig(source, 'admin', (env) => ({
    questionServiceUrl: readServiceUrl(env, 'question'),
    gameServiceUrl: readServiceUrl(env, 'game'),
    serviceClient: readServiceClientConfig(env),
    importTimeoutMs: env.integer('QUESTION_IMPORT_TIMEOUT_MS', 120_000, { min: 1_000, max: 600_000 }),
  }));
}
