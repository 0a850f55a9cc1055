import type { DatabaseConfig, EnvSource, ServerConfig, ServiceName } from '@know-foolery/shared/config';
import type { StartedService } from '@know-foolery/shared/lifecycle';
import type { MeteredService } from '@know-foolery/shared/observability';
import type { Logger } from 'pino';

/** What every service's configuration has; `database` only where the service keeps data. */
export interface ServiceConfig {
  readonly server: ServerConfig;
  readonly database?: DatabaseConfig;
}

/**
 * The contract every service package exports, and its `main.ts` runs: `loadConfig` from
 * `./config`, `composeService` from `./compose`. The platform only ever hands `composeService`
 * the configuration the same package's `loadConfig` produced.
 */
export interface ServiceModule {
  readonly name: ServiceName;
  loadConfig(env: EnvSource): ServiceConfig;
  composeService(config: ServiceConfig, logger: Logger): Promise<StartedService & MeteredService>;
}

/**
 * Callees first, so each service is started knowing the real address of every service it calls:
 * leaderboard calls user; game calls question and leaderboard; admin calls question and game;
 * the gateway calls them all.
 */
export const START_ORDER: readonly ServiceName[] = [
  'user',
  'question',
  'session',
  'leaderboard',
  'game',
  'admin',
  'gateway',
];

export async function loadService(name: ServiceName): Promise<ServiceModule> {
  const packageName = `@know-foolery/${name}-service`;
  let config: unknown;
  let compose: unknown;
  try {
    [config, compose] = await Promise.all([
      import(`${packageName}/config`),
      import(`${packageName}/compose`),
    ]);
  } catch (error) {
    throw new Error(`${name}-service cannot be loaded: ${packageName} must export ./config and ./compose`, {
      cause: error,
    });
  }
  const loadConfig = exported(config, 'loadConfig');
  const composeService = exported(compose, 'composeService');
  if (loadConfig === null || composeService === null) {
    throw new Error(`${name}-service does not follow the service contract (loadConfig, composeService)`);
  }
  return {
    name,
    loadConfig: (env) => loadConfig(env) as ServiceConfig,
    composeService: (config, logger) =>
      composeService(config, logger) as Promise<StartedService & MeteredService>,
  };
}

type AnyFunction = (...args: unknown[]) => unknown;

function exported(module: unknown, member: string): AnyFunction | null {
  if (typeof module !== 'object' || module === null || !(member in module)) return null;
  const value: unknown = (module as Record<string, unknown>)[member];
  return typeof value === 'function' ? (value as AnyFunction) : null;
}
