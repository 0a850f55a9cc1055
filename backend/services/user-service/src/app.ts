import type { AuthProvider } from '@know-foolery/shared/auth';
import type { Database } from '@know-foolery/shared/database';
import { createServiceApp, databaseReadiness, type ServiceApp } from '@know-foolery/shared/http-server';
import type { MetricsRegistry } from '@know-foolery/shared/observability';
import type { Clock } from '@know-foolery/shared/utils';
import type { FastifyBaseLogger } from 'fastify';
import type { UserDatabase } from './data/schema.js';
import { identityProfileRoutes } from './routes/identity-profile.js';
import { internalRoutes } from './routes/internal.js';
import { meRoutes } from './routes/me.js';

export interface UserServiceDeps {
  readonly version: string;
  readonly auth: AuthProvider;
  readonly database: Database<UserDatabase>;
  readonly clock: Clock;
  readonly logger?: FastifyBaseLogger;
  readonly bodyLimitBytes?: number;
  /** The process's registry; without one, what the app records goes unread (tests). */
  readonly metrics?: MetricsRegistry;
}

export function buildApp(deps: UserServiceDeps): ServiceApp {
  const app = createServiceApp({
    service: 'user-service',
    version: deps.version,
    description: 'Player profiles, keyed by the subject of their token.',
    auth: deps.auth,
    readiness: [databaseReadiness(deps.database)],
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: deps.bodyLimitBytes }),
    ...(deps.metrics === undefined ? {} : { metrics: deps.metrics }),
  });
  const profileDeps = { db: deps.database.db, clock: deps.clock };
  app.register(meRoutes(profileDeps));
  app.register(internalRoutes(profileDeps));
  app.register(identityProfileRoutes(profileDeps));
  return app;
}
