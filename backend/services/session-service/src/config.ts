import {
  type BaseServiceConfig,
  type EnvReader,
  type EnvSource,
  loadServiceConfig,
} from '@know-foolery/shared/config';
import type { SessionPolicy } from './domain/session.js';

export interface SessionSettings extends SessionPolicy {
  /** How often the in-memory store drops expired sessions (reads never see them anyway). */
  readonly sweepIntervalMs: number;
}

export interface SessionServiceConfig extends BaseServiceConfig {
  readonly sessions: SessionSettings;
}

const DAY_SECONDS = 24 * 60 * 60;

function readSessionSettings(env: EnvReader): SessionSettings {
  const settings = {
    ttlSeconds: env.integer('SESSION_TTL_SECONDS', DAY_SECONDS, { min: 60, max: 365 * DAY_SECONDS }),
    maxLifetimeSeconds: env.integer('SESSION_MAX_LIFETIME_SECONDS', 30 * DAY_SECONDS, {
      min: 60,
      max: 365 * DAY_SECONDS,
    }),
    maxPerUser: env.integer('SESSION_MAX_PER_USER', 20, { min: 1, max: 1_000 }),
    sweepIntervalMs: env.integer('SESSION_SWEEP_INTERVAL_MS', 60_000, { min: 1_000, max: 3_600_000 }),
  };
  if (settings.ttlSeconds > settings.maxLifetimeSeconds) {
    env.reject('SESSION_TTL_SECONDS', 'must not exceed SESSION_MAX_LIFETIME_SECONDS');
  }
  return settings;
}

export function loadConfig(source: EnvSource): SessionServiceConfig {
  return loadServiceConfig(source, 'session', (env) => ({
    sessions: readSessionSettings(env),
  }));
}
