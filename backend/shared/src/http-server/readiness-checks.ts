import type { DatabaseHealth } from '../database/index.js';
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
