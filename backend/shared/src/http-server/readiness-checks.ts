import type { DatabaseHealth } from '../database/index.js';
import type { RedisHealth } from '../redis/index.js';
import type { ReadinessCheck } from './health.js';

export function databaseReadiness(database: {
  readonly dialect: string;
  ping(): Promise<DatabaseHealth>;
}): ReadinessCheck {
  return {
    name: 'database',
    async check() {
      const { latencyMs } = await database.ping();
      return { dialect: database.dialect, latencyMs };
    },
  };
}

/** Another service's readiness, for the gateway: up only when that service says it is ready. */
export function httpReadiness(name: string, baseUrl: string): ReadinessCheck {
  return {
    name,
    async check(signal) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/health/ready`, { signal });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`answered ${response.status}`);
      return { latencyMs: Math.round(performance.now() - started) };
    },
  };
}

export interface RedisReadinessOptions {
  /**
   * Redis only caches for this service: when it is down the service answers from its database,
   * so it reports itself `degraded` (still 200) rather than not ready.
   */
  readonly cacheOnly?: boolean;
}

/** PING (under the readiness timeout) with the mode and the server's role. */
export function redisReadiness(
  redis: { health(): Promise<RedisHealth> },
  options: RedisReadinessOptions = {},
): ReadinessCheck {
  return {
    name: 'redis',
    optional: options.cacheOnly === true,
    async check() {
      const { mode, role, latencyMs } = await redis.health();
      return { mode, role, latencyMs };
    },
  };
}
