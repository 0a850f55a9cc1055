import {
  type BaseServiceConfig,
  type EnvReader,
  type EnvSource,
  loadServiceConfig,
  type RedisConfig,
  readRedisConfig,
  readServiceClientConfig,
  readServiceUrl,
  type ServiceClientConfig,
} from '@know-foolery/shared/config';
import { readSignInConfig, type SignInConfig } from './sign-in/sign-in-config.js';
import { readWebClientDir } from './web-client/web-client-config.js';

export interface RateLimitConfig {
  readonly windowMs: number;
  /**
   * Requests per address and window, counted before any token is read: high enough for many
   * players behind one NAT, low enough that a flood (of bad tokens, say) stops here.
   */
  readonly addressMax: number;
  /** Requests per client (the verified user, else the address) and window, answers and dev tokens aside. */
  readonly max: number;
  /** Answer submissions per client and window: guessing is the thing worth throttling. */
  readonly answersMax: number;
  /** Dev tokens per client and window. */
  readonly tokenMax: number;
}

export interface UpstreamUrls {
  readonly game: string;
  readonly question: string;
  readonly user: string;
  readonly leaderboard: string;
  readonly session: string;
  readonly admin: string;
}

export interface GatewayConfig extends BaseServiceConfig {
  readonly upstreams: UpstreamUrls;
  readonly corsOrigins: readonly string[];
  readonly rateLimit: RateLimitConfig;
  /** With `REDIS_URL`, the rate limits count in Redis and hold across replicas. */
  readonly redis: RedisConfig;
  readonly proxyTimeoutMs: number;
  readonly docsCacheMs: number;
  /** How the gateway itself calls session-service: resolving cookies and reading revocation marks. */
  readonly client: ServiceClientConfig;
  /** The gateway as the OpenID Connect client people sign in through; null with the mock provider. */
  readonly signIn: SignInConfig | null;
  /** The built web client served at `/`; null: the API alone. */
  readonly webClientDir: string | null;
}

const DEVELOPMENT_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

function readCorsOrigins(env: EnvReader): readonly string[] {
  const origins = env.list('CORS_ORIGINS', env.isProduction ? [] : DEVELOPMENT_ORIGINS);
  for (const origin of origins) {
    if (origin === '*') {
      env.reject('CORS_ORIGINS', 'must list origins: "*" is refused because the API accepts credentials');
      continue;
    }
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      env.reject('CORS_ORIGINS', `expected origins like https://play.example.org, got "${origin}"`);
    }
  }
  return origins;
}

const LIMIT_RANGE = { min: 1, max: 100_000_000 };

function readRateLimit(env: EnvReader): RateLimitConfig {
  const max = env.integer('RATE_LIMIT_MAX', 600, LIMIT_RANGE);
  const addressMax = env.integer('RATE_LIMIT_ADDRESS_MAX', 6_000, LIMIT_RANGE);
  if (addressMax < max) {
    env.reject(
      'RATE_LIMIT_ADDRESS_MAX',
      `must be at least RATE_LIMIT_MAX (${max}): one address carries at least one player, got ${addressMax}`,
    );
  }
  return {
    windowMs: env.integer('RATE_LIMIT_WINDOW_MS', 60_000, { min: 1_000, max: 3_600_000 }),
    addressMax,
    max,
    answersMax: env.integer('RATE_LIMIT_ANSWERS_MAX', 60, LIMIT_RANGE),
    tokenMax: env.integer('RATE_LIMIT_TOKEN_MAX', 10, LIMIT_RANGE),
  };
}

export function loadConfig(source: EnvSource): GatewayConfig {
  return loadServiceConfig(source, 'gateway', (env) => ({
    upstreams: {
      game: readServiceUrl(env, 'game'),
      question: readServiceUrl(env, 'question'),
      user: readServiceUrl(env, 'user'),
      leaderboard: readServiceUrl(env, 'leaderboard'),
      session: readServiceUrl(env, 'session'),
      admin: readServiceUrl(env, 'admin'),
    },
    corsOrigins: readCorsOrigins(env),
    rateLimit: readRateLimit(env),
    redis: readRedisConfig(env),
    proxyTimeoutMs: env.integer('PROXY_TIMEOUT_MS', 10_000, { min: 100, max: 300_000 }),
    docsCacheMs: env.integer('DOCS_CACHE_MS', 30_000, { min: 0, max: 3_600_000 }),
    client: readServiceClientConfig(env),
    signIn: readSignInConfig(env),
    webClientDir: readWebClientDir(env),
  }));
}
