import { createAuth } from '@know-foolery/shared/auth';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { openRedis, type RedisClient } from '@know-foolery/shared/redis';
import { systemClock } from '@know-foolery/shared/utils';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { MockTokenRenewer } from './auth-tokens/mock-token-renewer.js';
import type { SessionServiceConfig } from './config.js';
import { CookieSigner } from './crypto/cookie-signer.js';
import { SessionHandles } from './crypto/session-handles.js';
import { SessionSealer } from './crypto/session-sealer.js';
import { MemorySessionStore } from './data/memory-session-store.js';
import { MemoryTokenRevocations } from './data/memory-token-revocations.js';
import { RedisSessionStore } from './data/redis-session-store.js';
import { RedisTokenRevocations } from './data/redis-token-revocations.js';
import type { SessionStore } from './data/session-store.js';
import type { TokenRevocations } from './data/token-revocations.js';
import { startIndexCleanup } from './use-cases/index-cleanup.js';

interface Storage {
  readonly store: SessionStore;
  readonly revocations: TokenRevocations;
}

function openStorage(config: SessionServiceConfig, redis: RedisClient | undefined): Storage {
  const clock = systemClock;
  const revocationOptions = { clock, maxTokenLifetimeSeconds: config.auth.maxTokenLifetimeSeconds };
  if (redis === undefined) {
    return {
      store: new MemorySessionStore({ clock, sweepIntervalMs: config.sessions.sweepIntervalMs }),
      revocations: new MemoryTokenRevocations(revocationOptions),
    };
  }
  return {
    store: new RedisSessionStore({ redis, sealer: new SessionSealer(config.keys.encryption), clock }),
    revocations: new RedisTokenRevocations({ redis, ...revocationOptions }),
  };
}

/** Wires the real dependencies named by the configuration into the app. */
export async function composeService(config: SessionServiceConfig, logger: Logger): Promise<StartedService> {
  const auth = createAuth(config.auth);
  if (auth.issuer === null) throw new Error('session-service renews tokens with the mock issuer only');
  const metrics = createMetricsRegistry({ service: 'session-service' });
  const redis = openRedis(config.redis, { metrics, logger });
  const { store, revocations } = openStorage(config, redis);
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
      renewer: new MockTokenRenewer(auth.issuer),
      touchIntervalMs: touchIntervalSeconds * 1000,
      authMethods: [auth.provider.kind],
      cookie: { secure: config.cookie.secure, maxAgeSeconds: policy.maxLifetimeSeconds },
    },
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
  });
  const cleanup = startIndexCleanup(store, pruneIntervalMs, logger);
  return {
    app,
    release: async () => {
      cleanup.stop();
      await store.close();
      await redis?.close();
    },
  };
}
