import type { AddressInfo } from 'node:net';
import type { DevIdentityProvider } from '@know-foolery/dev-identity';
import {
  type EnvSource,
  SERVICE_NAMES,
  type ServiceName,
  serviceEnvPrefix,
} from '@know-foolery/shared/config';
import type { DatabaseDialect } from '@know-foolery/shared/database';
import type { StartedService } from '@know-foolery/shared/lifecycle';
import {
  loggerOptions,
  METRICS_PATH,
  type ServingMetrics,
  servingMetrics,
} from '@know-foolery/shared/observability';
import {
  createEmptyTestDatabase,
  type EmptyTestDatabase,
  freePort,
  TEST_AUTH_CONFIG,
  type TestAuth,
  testAuth,
} from '@know-foolery/shared/testing';
import { pino } from 'pino';
import { ChildService } from './child-service.js';
import { type DevIdentitySettings, type PlatformIdentity, startPlatformIdentity } from './dev-identity.js';
import { loadService, type ServiceModule, START_ORDER } from './services.js';

/** Where a service that is not part of this run would be: nothing listens there, calls fail fast. */
export const CLOSED_PORT_URL = 'http://127.0.0.1:1';

/** Redis settings under which an outage is noticed, and a recovery tried, within a fraction of a second. */
export const QUICK_REDIS_RECOVERY: EnvSource = {
  REDIS_CONNECT_TIMEOUT_MS: '500',
  REDIS_COMMAND_TIMEOUT_MS: '300',
  REDIS_RECONNECT_BASE_MS: '20',
  REDIS_RECONNECT_MAX_MS: '200',
  REDIS_BREAKER_THRESHOLD: '3',
  REDIS_BREAKER_HALF_OPEN_MS: '200',
};

export interface PlatformOptions {
  readonly dialect: DatabaseDialect;
  /** Variables for every service, over the platform's own (e.g. `LOG_LEVEL: 'debug'` to see logs). */
  readonly env?: EnvSource;
  /** Variables for one service, over everything else. A `DATABASE_URL` here replaces its fresh database. */
  readonly serviceEnv?: Partial<Record<ServiceName, EnvSource>>;
  /**
   * Services run as real processes (their built `dist/main.js`) instead of in this one, each on a
   * port of its own for its whole life, so that `restart` starts a new process at the same address.
   */
  readonly processes?: readonly ServiceName[];
  /**
   * Sign people in as `npm start` does: the development identity provider runs (in this process, on
   * a free port) and every service runs with AUTH_PROVIDER=oidc pointed at it. The gateway then
   * listens on a port chosen before it starts, the one the provider's redirect URIs name. Without
   * it the services run with the mock provider and `tokens`.
   */
  readonly identity?: DevIdentitySettings;
}

/** A route a service registered, as Fastify holds it: `/api/v1/games/:id`. */
export interface ServedRoute {
  readonly method: string;
  readonly url: string;
}

export interface RunningServices<Name extends ServiceName> {
  readonly dialect: DatabaseDialect;
  /** Each started service's base URL, `http://127.0.0.1:<port>`. */
  readonly urls: Readonly<Record<Name, string>>;
  /** Each started service's Prometheus endpoint, `http://127.0.0.1:<metrics port>/metrics`. */
  readonly metricsUrls: Readonly<Record<Name, string>>;
  /** Every route each started service registered, whether its OpenAPI document shows it or not. */
  readonly routes: Readonly<Record<Name, readonly ServedRoute[]>>;
  /** Tokens every service accepts with the mock provider (the default): they share the test auth settings. */
  readonly tokens: TestAuth;
  /** The development identity provider the services trust, when `identity` was asked for. */
  readonly identity: DevIdentityProvider | null;
  /** Stops the services, gateway first, and removes their databases. */
  stop(): Promise<void>;
  /** Stops one of the `processes` and starts a new process in its place (same address, same database). */
  restart(name: Name): Promise<void>;
}

export interface RunningPlatform extends RunningServices<ServiceName> {
  readonly gatewayUrl: string;
}

interface StartedOne {
  readonly url: string;
  readonly metricsUrl: string;
  readonly routes: readonly ServedRoute[];
  stop(): Promise<void>;
  /** Only where the service is a real process. */
  readonly restart?: () => Promise<void>;
}

/** All seven services, in this process, on real ports, each on a fresh database of the dialect. */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const services = await startServices(SERVICE_NAMES, options);
  return { ...services, gatewayUrl: services.urls.gateway };
}

/**
 * Some of the services, started the way their `main.ts` starts them (`loadConfig` on an
 * environment, then `composeService`), listening on ephemeral ports of 127.0.0.1. A service
 * that calls one that is not started is pointed at a closed port.
 */
export async function startServices<Name extends ServiceName>(
  names: readonly Name[],
  options: PlatformOptions,
): Promise<RunningServices<Name>> {
  const urls: Partial<Record<ServiceName, string>> = {};
  const metricsUrls: Partial<Record<ServiceName, string>> = {};
  const routes: Partial<Record<ServiceName, readonly ServedRoute[]>> = {};
  const started: StartedOne[] = [];
  const byName = new Map<ServiceName, StartedOne>();
  let identity: PlatformIdentity | null = null;
  const stop = async () => {
    const failures: unknown[] = [];
    for (const service of [...started].reverse())
      await service.stop().catch((error: unknown) => failures.push(error));
    await identity?.provider.stop().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw new AggregateError(failures, 'some services did not stop cleanly');
  };
  // With the identity provider the gateway's address must be known first: it is the redirect target.
  const gatewayPort = options.identity === undefined ? 0 : await freePort();
  try {
    if (options.identity !== undefined) {
      identity = await startPlatformIdentity(options.identity, `http://127.0.0.1:${gatewayPort}`);
    }
    for (const name of START_ORDER) {
      if (!(names as readonly ServiceName[]).includes(name)) continue;
      const env = environment(name, urls, {
        ...options,
        env: { ...identity?.env, ...options.env },
        port: name === 'gateway' ? gatewayPort : 0,
      });
      const service = options.processes?.includes(name)
        ? await startProcess(name, env, options.dialect)
        : await startService(name, env, options.dialect);
      started.push(service);
      byName.set(name, service);
      urls[name] = service.url;
      metricsUrls[name] = service.metricsUrl;
      routes[name] = service.routes;
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    dialect: options.dialect,
    urls: urls as Record<Name, string>,
    metricsUrls: metricsUrls as Record<Name, string>,
    routes: routes as Record<Name, readonly ServedRoute[]>,
    tokens: testAuth(),
    identity: identity?.provider ?? null,
    stop,
    restart: async (name) => {
      const restart = byName.get(name)?.restart;
      if (restart === undefined) throw new Error(`${name}-service is not one of the platform's processes`);
      await restart();
    },
  };
}

function environment(
  name: ServiceName,
  urls: Partial<Record<ServiceName, string>>,
  options: PlatformOptions & { readonly port: number },
): EnvSource {
  const serviceUrls = Object.fromEntries(
    SERVICE_NAMES.map((service) => [`${serviceEnvPrefix(service)}_URL`, urls[service] ?? CLOSED_PORT_URL]),
  );
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: TEST_AUTH_CONFIG.jwtSecret,
    AUTH_ISSUER: TEST_AUTH_CONFIG.issuer,
    AUTH_AUDIENCE: TEST_AUTH_CONFIG.audience,
    DB_MIGRATE_ON_START: 'true',
    DB_POOL_MAX: '4',
    // The gateway's limits protect the public door from many clients; here one client sends everything.
    RATE_LIMIT_ADDRESS_MAX: '100000',
    RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_ANSWERS_MAX: '100000',
    RATE_LIMIT_TOKEN_MAX: '100000',
    ...serviceUrls,
    ...options.env,
    ...options.serviceEnv?.[name],
    HOST: '127.0.0.1',
    // Any free port (0) unless one was chosen: the real one is read back once the service listens.
    [`${serviceEnvPrefix(name)}_PORT`]: String(options.port),
    [`${serviceEnvPrefix(name)}_METRICS_PORT`]: '0',
  };
}

/** A fresh database for a service that keeps data and was given none; null for the others. */
async function databaseFor(
  module: ServiceModule,
  env: EnvSource,
  dialect: DatabaseDialect,
): Promise<EmptyTestDatabase | null> {
  const needsOne = module.loadConfig(env).database !== undefined && env.DATABASE_URL === undefined;
  return needsOne ? createEmptyTestDatabase(dialect) : null;
}

async function startProcess(
  name: ServiceName,
  env: EnvSource,
  dialect: DatabaseDialect,
): Promise<StartedOne> {
  const database = await databaseFor(await loadService(name), env, dialect);
  // A port chosen before (the gateway's, with the identity provider) is kept; otherwise any free one.
  const chosen = Number(env[`${serviceEnvPrefix(name)}_PORT`]);
  const port = chosen > 0 ? chosen : await freePort();
  // Fixed, like the service's own port, so a restarted process is scraped at the same address.
  const metricsPort = await freePort();
  const child = new ChildService(
    name,
    {
      ...env,
      ...(database === null ? {} : { DATABASE_URL: database.url }),
      [`${serviceEnvPrefix(name)}_PORT`]: String(port),
      [`${serviceEnvPrefix(name)}_METRICS_PORT`]: String(metricsPort),
    },
    port,
  );
  const stop = async () => {
    try {
      await child.stop();
    } finally {
      await database?.dispose();
    }
  };
  try {
    await child.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: child.url,
    metricsUrl: `http://127.0.0.1:${metricsPort}${METRICS_PATH}`,
    routes: [],
    stop,
    restart: () => child.restart(),
  };
}

async function startService(
  name: ServiceName,
  env: EnvSource,
  dialect: DatabaseDialect,
): Promise<StartedOne> {
  const module = await loadService(name);
  const database = await databaseFor(module, env, dialect);
  const config = module.loadConfig(database === null ? env : { ...env, DATABASE_URL: database.url });
  const removeDatabase = async () => {
    await database?.dispose();
  };
  const logger = pino(loggerOptions(`${name}-service`, config.server.logLevel));
  let service: StartedService & ServingMetrics;
  try {
    // As main.ts starts it: its registry served on a metrics port of its own.
    service = await servingMetrics(module.composeService)(config, logger);
  } catch (error) {
    await removeDatabase();
    throw new Error(`${name}-service did not start`, { cause: error });
  }
  const stop = async () => {
    try {
      await service.app.close();
      await service.release();
    } finally {
      await removeDatabase();
    }
  };
  const routes: ServedRoute[] = [];
  // The routes are registered as the app boots, which listening starts.
  service.app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  try {
    await service.app.listen({ host: config.server.host, port: config.server.port });
  } catch (error) {
    await stop();
    throw new Error(`${name}-service could not listen`, { cause: error });
  }
  const { port } = service.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    metricsUrl: `http://127.0.0.1:${service.metricsPort}${METRICS_PATH}`,
    routes,
    stop,
  };
}
