import type { AuthProvider } from '@know-foolery/shared/auth';
import { createServiceApp, type ReadinessCheck, type ServiceApp } from '@know-foolery/shared/http-server';
import type { Clock } from '@know-foolery/shared/utils';
import type { FastifyBaseLogger } from 'fastify';
import type { SessionStore } from './data/session-store.js';
import type { SessionPolicy } from './domain/session.js';
import { sessionRoutes } from './routes/sessions.js';

export interface SessionServiceDeps {
  readonly version: string;
  readonly auth: AuthProvider;
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly policy: SessionPolicy;
  readonly logger?: FastifyBaseLogger;
  readonly bodyLimitBytes?: number;
}

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
    description: "A player's signed-in devices, with sliding and absolute expiry.",
    auth: deps.auth,
    readiness: [storeReadiness(deps.store)],
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: deps.bodyLimitBytes }),
  });
  app.register(sessionRoutes({ store: deps.store, clock: deps.clock, policy: deps.policy }));
  return app;
}
