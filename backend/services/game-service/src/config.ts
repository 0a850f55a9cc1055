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
import { DEFAULT_SIMILARITY_THRESHOLD } from './domain/answer-matching.js';

export interface GameRulesConfig {
  readonly durationSeconds: number;
  readonly similarityThreshold: number;
  readonly expirySweepIntervalMs: number;
}

export interface GameServiceConfig extends BaseServiceConfig {
  readonly database: DatabaseConfig;
  readonly client: ServiceClientConfig;
  readonly urls: { readonly question: string; readonly user: string; readonly leaderboard: string };
  readonly rules: GameRulesConfig;
}

export function loadConfig(source: EnvSource): GameServiceConfig {
  return loadServiceConfig(source, 'game', (env) => ({
    database: readDatabaseConfig(env, 'game'),
    client: readServiceClientConfig(env),
    urls: {
      question: readServiceUrl(env, 'question'),
      user: readServiceUrl(env, 'user'),
      leaderboard: readServiceUrl(env, 'leaderboard'),
    },
    rules: {
      durationSeconds: env.integer('GAME_DURATION_SECONDS', 1800, { min: 10, max: 86_400 }),
      similarityThreshold: env.number('ANSWER_SIMILARITY_THRESHOLD', DEFAULT_SIMILARITY_THRESHOLD, {
        min: 0.01,
        max: 1,
      }),
      expirySweepIntervalMs: env.integer('GAME_EXPIRY_SWEEP_INTERVAL_MS', 5_000, {
        min: 100,
        max: 3_600_000,
      }),
    },
  }));
}
