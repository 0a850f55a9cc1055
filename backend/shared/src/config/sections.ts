import { deepFreeze, EnvReader, type EnvSource, type NodeEnv } from './env-reader.js';
import { SERVICE_PORTS, type ServiceName, serviceEnvPrefix } from './services.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  readonly service: ServiceName;
  readonly nodeEnv: NodeEnv;
  readonly host: string;
  readonly port: number;
  /**
   * Where GET /metrics answers, on HOST: a port of its own, never the service's, so a firewall or
   * network policy keeps it internal while the service's port (the gateway's is public) stays open.
   * Null when `<PREFIX>_METRICS_PORT=off`; 0 picks any free port.
   */
  readonly metricsPort: number | null;
  readonly logLevel: LogLevel;
  /** Upper bound for in-flight requests to finish after a stop signal. */
  readonly shutdownTimeoutMs: number;
  /** Time between readiness turning 503 and the listener closing, for load balancers to notice. */
  readonly shutdownDrainDelayMs: number;
  readonly bodyLimitBytes: number;
}

/** A service's metrics port by default: its own port plus this (gateway 3000 -> 9000). */
export const METRICS_PORT_OFFSET = 6000;

const HIGHEST_PORT = 65_535;

/**
 * `<PREFIX>_METRICS_PORT`: `off`, or a port other than the service's. A service on any free port
 * (`<PREFIX>_PORT=0`, as tests run them) serves its metrics on any free port too, and so does one
 * whose port plus the offset is no port at all (the start-up log says which it got).
 */
function readMetricsPort(env: EnvReader, prefix: string, servicePort: number): number | null {
  const name = `${prefix}_METRICS_PORT`;
  if (env.optionalString(name)?.toLowerCase() === 'off') return null;
  const offset = servicePort + METRICS_PORT_OFFSET;
  const metricsPort = env.port(name, servicePort === 0 || offset > HIGHEST_PORT ? 0 : offset);
  if (metricsPort !== 0 && metricsPort === servicePort) {
    env.reject(name, `must differ from ${prefix}_PORT (${servicePort}): metrics stay off the service's port`);
  }
  return metricsPort;
}

export function readServerConfig(env: EnvReader, service: ServiceName): ServerConfig {
  const prefix = serviceEnvPrefix(service);
  const port = env.port(`${prefix}_PORT`, SERVICE_PORTS[service]);
  return {
    service,
    nodeEnv: env.nodeEnv,
    host: env.string('HOST', '127.0.0.1'),
    port,
    metricsPort: readMetricsPort(env, prefix, port),
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

const AUTH_PROVIDERS = ['mock', 'oidc'] as const;
export type AuthProviderKind = (typeof AUTH_PROVIDERS)[number];

/** Known to anyone who reads this repository: fit for development only, refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'know-foolery-development-secret-not-for-production';
export const MIN_JWT_SECRET_BYTES = 32;

/** What every provider shares; the mock's own settings are unused (and its secret empty) with `oidc`. */
interface AuthSettings {
  /** The mock provider's HS256 secret; empty with any other provider, where nothing signs locally. */
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

export type AuthConfig =
  | (AuthSettings & { readonly provider: 'mock' })
  | (AuthSettings & {
      readonly provider: 'oidc';
      readonly oidc: OidcSettings;
      /** The machine user a service calls others as; null in a service that calls no other. */
      readonly serviceCredentials: ServiceCredentials | null;
    });

/** The platform roles a Zitadel project role can grant; `service` comes from ZITADEL_SERVICE_USERS only. */
export const MAPPABLE_ROLES = ['player', 'admin'] as const;
export type MappableRole = (typeof MAPPABLE_ROLES)[number];

export interface RoleMapping {
  readonly zitadelRole: string;
  readonly platformRole: MappableRole;
}

/** The client an opaque token is introspected with (RFC 7662, client_secret_basic). */
export interface IntrospectionCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * The machine user's client (Zitadel: a service user with a client secret) whose client
 * credentials grant gives a service the token it calls other services with (client_secret_basic).
 */
export interface ServiceCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Verifying access tokens issued by Zitadel (AUTH_PROVIDER=oidc). */
export interface OidcSettings {
  /** Exactly as the issuer writes it in `iss` and in its discovery document. */
  readonly issuer: string;
  readonly projectId: string;
  /** What `aud` must contain: the project id unless said otherwise. */
  readonly audience: string;
  readonly roleMap: readonly RoleMapping[];
  /** Without them an opaque (non-JWT) token is refused. */
  readonly introspection: IntrospectionCredentials | null;
  /**
   * The applications people sign in through. A token issued to any other client (its `client_id`)
   * is a machine's: it holds `admin` only if its subject is in `machineAdmins`.
   */
  readonly userClientIds: readonly string[];
  readonly machineAdmins: readonly string[];
  /** Machine users whose tokens carry the `service` role: the platform's own services. */
  readonly serviceUsers: readonly string[];
  /** Timeout of one call to the issuer (discovery, key set, introspection). */
  readonly httpTimeoutMs: number;
  /** The longest a verified token is remembered; bounds how long a token revoked at Zitadel still works. */
  readonly tokenCacheSeconds: number;
}

/** How long the token a service calls others with lives; no token lifetime limit may be shorter. */
export const SERVICE_TOKEN_TTL_SECONDS = 15 * 60;
const WEEK_SECONDS = 7 * 24 * 3600;

/**
 * The services that call others with their own identity (`serviceIdentity`): with
 * AUTH_PROVIDER=oidc they cannot start without the machine user's client credentials.
 */
export const SERVICES_WITH_OWN_IDENTITY: readonly ServiceName[] = ['gateway', 'game', 'leaderboard', 'admin'];

/** `service` names the process reading it: whether it needs service credentials depends on it. */
export function readAuthConfig(env: EnvReader, service?: ServiceName): AuthConfig {
  const provider = env.oneOf('AUTH_PROVIDER', AUTH_PROVIDERS, 'mock');
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
  const settings: AuthSettings = {
    jwtSecret: provider === 'mock' ? readMockSecret(env) : '',
    issuer: env.string('AUTH_ISSUER', 'know-foolery-mock'),
    audience: env.string('AUTH_AUDIENCE', 'know-foolery'),
    clockToleranceSeconds: env.integer('AUTH_CLOCK_TOLERANCE_SECONDS', 5, { min: 0, max: 300 }),
    tokenTtlSeconds,
    maxTokenLifetimeSeconds,
    devTokensEnabled: provider === 'mock' && !env.isProduction,
  };
  if (provider === 'mock') return { ...settings, provider };
  const required = service !== undefined && SERVICES_WITH_OWN_IDENTITY.includes(service);
  return {
    ...settings,
    provider,
    oidc: readOidcSettings(env),
    serviceCredentials: readServiceCredentials(env, required ? service : undefined),
  };
}

function readMockSecret(env: EnvReader): string {
  const jwtSecret = env.secret('AUTH_JWT_SECRET', DEVELOPMENT_JWT_SECRET, MIN_JWT_SECRET_BYTES);
  if (env.isProduction && jwtSecret === DEVELOPMENT_JWT_SECRET) {
    env.reject('AUTH_JWT_SECRET', 'the development secret cannot be used when NODE_ENV=production');
  }
  return jwtSecret;
}

const DEFAULT_ROLE_MAP = 'player=player,admin=admin';
/** A Zitadel user id or client id (`312345678901234999@know-foolery`), as listed in configuration. */
const IDENTIFIER = /^[A-Za-z0-9._@:-]+$/;
/** Zitadel generates 64-character client secrets; anything much shorter is a typo or a placeholder. */
const MIN_INTROSPECTION_SECRET_BYTES = 16;

function readOidcSettings(env: EnvReader): OidcSettings {
  const projectId = requiredString(env, 'ZITADEL_PROJECT_ID', /^[A-Za-z0-9_-]+$/, 'letters, digits, - or _');
  return {
    issuer: readIssuer(env),
    projectId,
    audience: env.string('ZITADEL_AUDIENCE', projectId),
    roleMap: readRoleMap(env),
    introspection: readIntrospectionCredentials(env),
    userClientIds: readIdentifiers(env, 'ZITADEL_USER_CLIENT_IDS', { required: true }),
    machineAdmins: readIdentifiers(env, 'ZITADEL_MACHINE_ADMINS', { required: false }),
    serviceUsers: readIdentifiers(env, 'ZITADEL_SERVICE_USERS', { required: false }),
    httpTimeoutMs: env.integer('ZITADEL_HTTP_TIMEOUT_MS', 5_000, { min: 100, max: 60_000 }),
    tokenCacheSeconds: env.integer('ZITADEL_TOKEN_CACHE_SECONDS', 30, { min: 0, max: 300 }),
  };
}

function requiredString(env: EnvReader, name: string, pattern: RegExp, expected: string): string {
  const value = env.optionalString(name);
  if (value === undefined) {
    env.reject(name, 'is required when AUTH_PROVIDER=oidc');
    return '';
  }
  if (!pattern.test(value)) {
    env.reject(name, `expected ${expected}, got "${value}"`);
    return '';
  }
  return value;
}

/**
 * Kept exactly as written (no trailing slash removed): `iss` is compared with it character for
 * character. Plain http is for the local stand-in only.
 */
function readIssuer(env: EnvReader): string {
  const name = 'ZITADEL_ISSUER';
  const value = env.optionalString(name);
  if (value === undefined) {
    env.reject(name, 'is required when AUTH_PROVIDER=oidc');
    return '';
  }
  const protocols = env.isProduction ? ['https:'] : ['https:', 'http:'];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    env.reject(name, `expected a URL, got "${value}"`);
    return '';
  }
  if (!protocols.includes(url.protocol)) {
    env.reject(name, `expected a ${protocols.join(' or ')} URL, got "${value}"`);
    return '';
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    env.reject(name, `an issuer has no query, fragment or credentials, got "${value}"`);
    return '';
  }
  return value;
}

function readRoleMap(env: EnvReader): readonly RoleMapping[] {
  const name = 'ZITADEL_ROLE_MAP';
  const raw = env.optionalString(name) ?? DEFAULT_ROLE_MAP;
  const mappings: RoleMapping[] = [];
  const entries = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const entry of entries) {
    const [zitadelRole, platformRole, ...rest] = entry.split('=').map((part) => part.trim());
    if (zitadelRole === undefined || platformRole === undefined || rest.length > 0 || zitadelRole === '') {
      env.reject(name, `expected zitadel-role=platform-role pairs separated by commas, got "${entry}"`);
      continue;
    }
    const known = MAPPABLE_ROLES.find((role) => role === platformRole);
    if (known === undefined) {
      env.reject(name, `"${zitadelRole}" maps to "${platformRole}": expected ${MAPPABLE_ROLES.join(' or ')}`);
      continue;
    }
    if (mappings.some((mapping) => mapping.zitadelRole === zitadelRole)) {
      env.reject(name, `"${zitadelRole}" is mapped twice`);
      continue;
    }
    mappings.push({ zitadelRole, platformRole: known });
  }
  if (entries.length === 0) env.reject(name, 'must map at least one Zitadel role');
  return mappings;
}

function readIntrospectionCredentials(env: EnvReader): IntrospectionCredentials | null {
  const idName = 'ZITADEL_INTROSPECTION_CLIENT_ID';
  const secretName = 'ZITADEL_INTROSPECTION_CLIENT_SECRET';
  const clientId = env.optionalString(idName);
  if (clientId === undefined) {
    if (env.optionalString(secretName) !== undefined) env.reject(secretName, `is set without ${idName}`);
    return null;
  }
  if (!IDENTIFIER.test(clientId)) env.reject(idName, `expected a client id, got "${clientId}"`);
  if (env.optionalString(secretName) === undefined) {
    env.reject(secretName, `is required with ${idName}`);
    return null;
  }
  return { clientId, clientSecret: env.secret(secretName, '', MIN_INTROSPECTION_SECRET_BYTES) };
}

/** Zitadel generates 64-character secrets; a machine user's secret shorter than this is a placeholder. */
const MIN_SERVICE_CLIENT_SECRET_BYTES = 16;

/** `requiredBy` names the service that calls others with them, when it is one. */
function readServiceCredentials(
  env: EnvReader,
  requiredBy: ServiceName | undefined,
): ServiceCredentials | null {
  const idName = 'ZITADEL_SERVICE_CLIENT_ID';
  const secretName = 'ZITADEL_SERVICE_CLIENT_SECRET';
  const clientId = env.optionalString(idName);
  const secretSet = env.optionalString(secretName) !== undefined;
  if (clientId === undefined) {
    if (requiredBy !== undefined) {
      env.reject(
        idName,
        `is required when AUTH_PROVIDER=oidc: ${requiredBy}-service calls other services as itself`,
      );
    } else if (secretSet) {
      env.reject(secretName, `is set without ${idName}`);
    }
    return null;
  }
  if (!IDENTIFIER.test(clientId)) env.reject(idName, `expected a client id, got "${clientId}"`);
  if (!secretSet) {
    env.reject(secretName, `is required with ${idName}`);
    return null;
  }
  return { clientId, clientSecret: env.secret(secretName, '', MIN_SERVICE_CLIENT_SECRET_BYTES) };
}

function readIdentifiers(env: EnvReader, name: string, options: { required: boolean }): readonly string[] {
  const values = env.list(name, []);
  if (options.required && values.length === 0) env.reject(name, 'is required when AUTH_PROVIDER=oidc');
  const malformed = values.filter((value) => !IDENTIFIER.test(value));
  if (malformed.length > 0) {
    env.reject(
      name,
      `expected ids separated by commas, got ${malformed.map((value) => `"${value}"`).join(', ')}`,
    );
  }
  return values;
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
  const config = {
    server: readServerConfig(env, service),
    auth: readAuthConfig(env, service),
    ...readSections(env),
  };
  env.done();
  return deepFreeze(config);
}
