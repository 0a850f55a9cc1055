import { deepFreeze, EnvReader, type EnvSource, type NodeEnv } from './env-reader.js';
import { SERVICE_PORTS, type ServiceName, serviceEnvPrefix } from './services.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  readonly service: ServiceName;
  readonly nodeEnv: NodeEnv;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** Upper bound for in-flight requests to finish after a stop signal. */
  readonly shutdownTimeoutMs: number;
  /** Time between readiness turning 503 and the listener closing, for load balancers to notice. */
  readonly shutdownDrainDelayMs: number;
  readonly bodyLimitBytes: number;
}

export function readServerConfig(env: EnvReader, service: ServiceName): ServerConfig {
  const prefix = serviceEnvPrefix(service);
  return {
    service,
    nodeEnv: env.nodeEnv,
    host: env.string('HOST', '127.0.0.1'),
    port: env.port(`${prefix}_PORT`, SERVICE_PORTS[service]),
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, env.nodeEnv === 'test' ? 'silent' : 'info'),
    shutdownTimeoutMs: env.integer('SHUTDOWN_TIMEOUT_MS', 10_000, { min: 0, max: 600_000 }),
    shutdownDrainDelayMs: env.integer('SHUTDOWN_DRAIN_DELAY_MS', 0, { min: 0, max: 60_000 }),
    bodyLimitBytes: env.integer('BODY_LIMIT_BYTES', 64 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
  };
}

export function readServiceUrl(env: EnvReader, service: ServiceName): string {
  return env.url(`${serviceEnvPrefix(service)}_URL`, `http://127.0.0.1:${SERVICE_PORTS[service]}`, [
    'http:',
    'https:',
  ]);
}

const AUTH_PROVIDERS = ['mock'] as const;
export type AuthProviderKind = (typeof AUTH_PROVIDERS)[number];

/** Known to anyone who reads this repository: fit for development only, refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'know-foolery-development-secret-not-for-production';
export const MIN_JWT_SECRET_BYTES = 32;

export interface AuthConfig {
  readonly provider: AuthProviderKind;
  readonly jwtSecret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
  readonly tokenTtlSeconds: number;
  /** The longest a token may live (`exp` - `iat`): a leaked token stays useful no longer than this. */
  readonly maxTokenLifetimeSeconds: number;
  /** Dev token issuing (HTTP endpoint and CLI): only with the mock provider, never in production. */
  readonly devTokensEnabled: boolean;
}

/** How long the token a service calls others with lives; no token lifetime limit may be shorter. */
export const SERVICE_TOKEN_TTL_SECONDS = 15 * 60;
const WEEK_SECONDS = 7 * 24 * 3600;

export function readAuthConfig(env: EnvReader): AuthConfig {
  const provider = env.oneOf('AUTH_PROVIDER', AUTH_PROVIDERS, 'mock');
  const jwtSecret = env.secret('AUTH_JWT_SECRET', DEVELOPMENT_JWT_SECRET, MIN_JWT_SECRET_BYTES);
  if (env.isProduction && jwtSecret === DEVELOPMENT_JWT_SECRET) {
    env.reject('AUTH_JWT_SECRET', 'the development secret cannot be used when NODE_ENV=production');
  }
  const tokenTtlSeconds = env.integer('AUTH_TOKEN_TTL_SECONDS', 3600, { min: 60, max: WEEK_SECONDS });
  const maxTokenLifetimeSeconds = env.integer('AUTH_MAX_TOKEN_LIFETIME_SECONDS', 86_400, {
    min: SERVICE_TOKEN_TTL_SECONDS,
    max: WEEK_SECONDS,
  });
  if (maxTokenLifetimeSeconds < tokenTtlSeconds) {
    env.reject(
      'AUTH_MAX_TOKEN_LIFETIME_SECONDS',
      `must be at least AUTH_TOKEN_TTL_SECONDS (${tokenTtlSeconds}), got ${maxTokenLifetimeSeconds}`,
    );
  }
  return {
    provider,
    jwtSecret,
    issuer: env.string('AUTH_ISSUER', 'know-foolery-mock'),
    audience: env.string('AUTH_AUDIENCE', 'know-foolery'),
    clockToleranceSeconds: env.integer('AUTH_CLOCK_TOLERANCE_SECONDS', 5, { min: 0, max: 300 }),
    tokenTtlSeconds,
    maxTokenLifetimeSeconds,
    devTokensEnabled: provider === 'mock' && !env.isProduction,
  };
}

export interface DatabaseConfig {
  /** `sqlite:path/to/file.db`, `sqlite::memory:` or `postgres://user:pass@host:port/db`. */
  readonly url: string;
  readonly poolMax: number;
  readonly idleTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly sqliteBusyTimeoutMs: number;
  readonly migrateOnStart: boolean;
}

export function readDatabaseConfig(env: EnvReader, service: ServiceName): DatabaseConfig {
  const url = env.string('DATABASE_URL', `sqlite:.data/${service}.db`, {
    regex: /^(sqlite:.+|postgres(ql)?:\/\/.+)$/,
    expected: 'a URL starting with sqlite: or postgres://',
  });
  return {
    url,
    poolMax: env.integer('DB_POOL_MAX', 10, { min: 1, max: 200 }),
    idleTimeoutMs: env.integer('DB_IDLE_TIMEOUT_MS', 10_000, { min: 0, max: 3_600_000 }),
    connectionTimeoutMs: env.integer('DB_CONNECTION_TIMEOUT_MS', 5_000, { min: 100, max: 120_000 }),
    statementTimeoutMs: env.integer('DB_STATEMENT_TIMEOUT_MS', 5_000, { min: 0, max: 3_600_000 }),
    sqliteBusyTimeoutMs: env.integer('SQLITE_BUSY_TIMEOUT_MS', 5_000, { min: 0, max: 600_000 }),
    migrateOnStart: env.boolean('DB_MIGRATE_ON_START', !env.isProduction),
  };
}

export interface ServiceClientConfig {
  readonly timeoutMs: number;
  /** Retries after the first try, for idempotent calls only. */
  readonly retries: number;
  readonly breakerFailureThreshold: number;
  /** How long an open breaker waits before its first trial call; doubled after each failed trial. */
  readonly breakerFirstProbeMs: number;
  /** The longest an open breaker waits before a trial call. */
  readonly breakerResetMs: number;
}

export function readServiceClientConfig(env: EnvReader): ServiceClientConfig {
  const breakerFirstProbeMs = env.integer('SERVICE_BREAKER_FIRST_PROBE_MS', 500, { min: 10, max: 600_000 });
  const breakerResetMs = env.integer('SERVICE_BREAKER_RESET_MS', 10_000, { min: 100, max: 600_000 });
  if (breakerFirstProbeMs > breakerResetMs) {
    env.reject(
      'SERVICE_BREAKER_FIRST_PROBE_MS',
      `must be at most SERVICE_BREAKER_RESET_MS (${breakerResetMs}), got ${breakerFirstProbeMs}`,
    );
  }
  return {
    timeoutMs: env.integer('SERVICE_CALL_TIMEOUT_MS', 3_000, { min: 10, max: 120_000 }),
    retries: env.integer('SERVICE_CALL_RETRIES', 2, { min: 0, max: 10 }),
    breakerFailureThreshold: env.integer('SERVICE_BREAKER_THRESHOLD', 5, { min: 1, max: 1_000 }),
    breakerFirstProbeMs,
    breakerResetMs,
  };
}

export interface BaseServiceConfig {
  readonly server: ServerConfig;
  readonly auth: AuthConfig;
}

/**
 * A service's whole configuration: the server and auth sections every service has, plus its own,
 * read in one pass so every problem is reported together, then frozen.
 */
export function loadServiceConfig<Sections extends object>(
  source: EnvSource,
  service: ServiceName,
  readSections: (env: EnvReader) => Sections,
): Readonly<BaseServiceConfig & Sections> {
  const env = new EnvReader(source);
  const config = { server: readServerConfig(env, service), auth: readAuthConfig(env), ...readSections(env) };
  env.done();
  return deepFreeze(config);
}
