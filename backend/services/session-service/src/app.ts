import type { AuthProvider } from '@know-foolery/shared/auth';
import { createServiceApp, type ReadinessCheck, type ServiceApp } from '@know-foolery/shared/http-server';
import type { MetricsRegistry } from '@know-foolery/shared/observability';
import type { FastifyBaseLogger } from 'fastify';
import type { SessionStore } from './data/session-store.js';
import { internalRoutes } from './routes/internal.js';
import { publicSessionRoutes, type SessionRouteDeps } from './routes/public-sessions.js';
import { sessionByIdRoutes } from './routes/session-by-id.js';

export interface SessionServiceDeps {
  readonly version: string;
  readonly auth: AuthProvider;
  readonly sessions: SessionRouteDeps;
  readonly logger?: FastifyBaseLogger;
  readonly bodyLimitBytes?: number;
  /** The process's registry; without one, what the app records goes unread (tests). */
  readonly metrics?: MetricsRegistry;
}

/** Sessions cannot be served without their store: it is a readiness check of its own, naming the kind. */
function storeReadiness(store: SessionStore): ReadinessCheck {
  return {
    name: 'session-store',
    async check() {
      await store.ping();
      return { kind: store.kind };
    },
  };
}

export function buildApp(deps: SessionServiceDeps): ServiceApp {
  const app = createServiceApp({
    service: 'session-service',
    version: deps.version,
    description:
      "A player's signed-in devices: sessions held encrypted, named by a signed cookie, with sliding and absolute expiry.",
    auth: deps.auth,
    readiness: [storeReadiness(deps.sessions.store)],
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: deps.bodyLimitBytes }),
    ...(deps.metrics === undefined ? {} : { metrics: deps.metrics }),
  });
  app.register(publicSessionRoutes(deps.sessions));
  app.register(sessionByIdRoutes(deps.sessions));
  app.register(internalRoutes(deps.sessions, deps.auth));
  return app;
}
