import { type AuthComponents, createAuth } from '@know-foolery/shared/auth';
import { type CacheLogger, createCache, type PlatformCache } from '@know-foolery/shared/cache';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import {
  createMetricsRegistry,
  type MeteredService,
  type MetricsRegistry,
} from '@know-foolery/shared/observability';
import { openRedis, type RedisClient } from '@know-foolery/shared/redis';
import { systemClock } from '@know-foolery/shared/utils';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { countedRenewals } from './auth-tokens/counted-renewals.js';
import { MockTokenRenewer } from './auth-tokens/mock-token-renewer.js';
import { OidcTokenClient } from './auth-tokens/oidc-token-client.js';
import { OidcTokenRenewer } from './auth-tokens/oidc-token-renewer.js';
import type { TokenRenewer } from './auth-tokens/token-renewer.js';
import { NO_PROVIDER_REVOCATION, type TokenRevoker } from './auth-tokens/token-revoker.js';
import type { SessionServiceConfig } from './config.js';
import { REVOCATION_MARKS_CACHE } from './contract/revocation-marks-cache.js';
import { CookieSigner } from './crypto/cookie-signer.js';
import { SessionHandles } from './crypto/session-handles.js';
import { SessionSealer } from './crypto/session-sealer.js';
import { AnnouncedTokenRevocations } from './data/announced-token-revocations.js';
import { MemorySessionStore } from './data/memory-session-store.js';
import { MemoryTokenRevocations } from './data/memory-token-revocations.js';
import { RedisSessionStore } from './data/redis-session-store.js';
import { RedisTokenRevocations } from './data/redis-token-revocations.js';
import type { SessionStore } from './data/session-store.js';
import type { TokenRevocations } from './data/token-revocations.js';
import { startIndexCleanup } from './use-cases/index-cleanup.js';
import { SingleFlight } from './use-cases/single-flight.js';

/** What the storage records in and logs to. */
interface SharedParts {
  readonly metrics: MetricsRegistry;
  readonly logger: CacheLogger;
}

interface Storage {
  readonly store: SessionStore;
  readonly revocations: TokenRevocations;
  /** Where marks are announced to the gateways' caches: with Redis only. */
  readonly cache?: PlatformCache;
}

function openStorage(
  config: SessionServiceConfig,
  redis: RedisClient | undefined,
  shared: SharedParts,
): Storage {
  const clock = systemClock;
  const revocationOptions = { clock, maxTokenLifetimeSeconds: config.auth.maxTokenLifetimeSeconds };
  if (redis === undefined) {
    return {
      store: new MemorySessionStore({ clock, sweepIntervalMs: config.sessions.sweepIntervalMs }),
      revocations: new MemoryTokenRevocations(revocationOptions),
    };
  }
  const cache = createCache({
    name: REVOCATION_MARKS_CACHE,
    redis: { client: redis, keyPrefix: config.redis.keyPrefix },
    ...shared,
  });
  return {
    store: new RedisSessionStore({ redis, sealer: new SessionSealer(config.keys.encryption), clock }),
    revocations: new AnnouncedTokenRevocations(
      new RedisTokenRevocations({ redis, ...revocationOptions }),
      cache,
    ),
    cache,
  };
}

export interface ProviderTokens {
  readonly renewer: TokenRenewer;
  readonly revoker: TokenRevoker;
  /** How long a claim on renewing a session's token holds: longer than one renewal can take. */
  readonly renewalClaimMs: number;
}

/** A mock renewal is a local signature, done in far less than this. */
const MOCK_RENEWAL_CLAIM_MS = 5_000;
/** An OIDC renewal makes at most three calls to the provider (discovery, token, key set), each bounded. */
const PROVIDER_CALLS_PER_RENEWAL = 3;

/** Who renews and revokes session tokens: the mock issuer, or the OpenID Connect provider's web client. */
export function providerTokens(config: SessionServiceConfig, auth: AuthComponents): ProviderTokens {
  if (config.auth.provider === 'mock') {
    if (auth.issuer === null) throw new Error('the mock provider issues tokens');
    return {
      renewer: new MockTokenRenewer(auth.issuer),
      revoker: NO_PROVIDER_REVOCATION,
      renewalClaimMs: MOCK_RENEWAL_CLAIM_MS,
    };
  }
  if (config.oidcClient === null)
    throw new Error('AUTH_PROVIDER=oidc comes with OIDC_CLIENT_ID and its secret');
  const { issuer, httpTimeoutMs } = config.auth.oidc;
  const client = new OidcTokenClient({
    issuer,
    clientId: config.oidcClient.clientId,
    clientSecret: config.oidcClient.clientSecret,
    timeoutMs: httpTimeoutMs,
    // The configuration refuses an http issuer in production already; this says so where it matters.
    allowInsecureRequests: new URL(issuer).protocol === 'http:' && config.server.nodeEnv !== 'production',
  });
  return {
    renewer: new OidcTokenRenewer(client, auth.provider),
    revoker: client,
    renewalClaimMs: PROVIDER_CALLS_PER_RENEWAL * httpTimeoutMs + MOCK_RENEWAL_CLAIM_MS,
  };
}

/** Wires the real dependencies named by the configuration into the app. */
export async function composeService(
  config: SessionServiceConfig,
  logger: Logger,
): Promise<StartedService & MeteredService> {
  const auth = createAuth(config.auth);
  const tokens = providerTokens(config, auth);
  const metrics = createMetricsRegistry({ service: 'session-service' });
  const redis = openRedis(config.redis, { metrics, logger });
  const { store, revocations, cache } = openStorage(config, redis, { metrics, logger });
  logger.info({ sessionStore: store.kind }, `sessions are kept in ${store.kind}`);
  const { ttlSeconds, maxLifetimeSeconds, maxPerUser, pruneIntervalMs, touchIntervalSeconds } =
    config.sessions;
  const policy = { ttlSeconds, maxLifetimeSeconds, maxPerUser };
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    auth: auth.provider,
    sessions: {
      store,
      revocations,
      clock: systemClock,
      policy,
      signer: new CookieSigner(config.keys.signing),
      handles: new SessionHandles(config.keys.lookup),
      ...tokens,
      renewer: countedRenewals(tokens.renewer, metrics),
      renewals: new SingleFlight(),
      touchIntervalMs: touchIntervalSeconds * 1000,
      authMethods: [auth.provider.kind],
      cookie: { secure: config.cookie.secure, maxAgeSeconds: policy.maxLifetimeSeconds },
    },
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
    metrics,
  });
  const cleanup = startIndexCleanup(store, pruneIntervalMs, logger);
  return {
    app,
    metrics,
    release: async () => {
      cleanup.stop();
      await store.close();
      await cache?.close();
      await redis?.close();
    },
  };
}
