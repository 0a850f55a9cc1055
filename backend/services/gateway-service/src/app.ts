import type { AuthProvider, TokenIssuer } from '@know-foolery/shared/auth';
import { createServiceApp, httpReadiness, type ServiceApp } from '@know-foolery/shared/http-server';
import type { FastifyBaseLogger } from 'fastify';
import type { GatewayConfig } from './config.js';
import { DOCS_PREFIX, docsRoutes } from './docs/docs-routes.js';
import { edgeSecurity } from './edge/security.js';
import { devTokenRoute } from './routes/dev-token.js';
import { proxyRoutes } from './routes/proxy.js';

export interface GatewayDeps {
  readonly version: string;
  readonly config: Pick<
    GatewayConfig,
    'upstreams' | 'corsOrigins' | 'rateLimit' | 'proxyTimeoutMs' | 'docsCacheMs'
  >;
  readonly auth: AuthProvider;
  /** Present only when development tokens are allowed (mock provider, not production). */
  readonly devTokenIssuer: TokenIssuer | null;
  readonly bodyLimitBytes: number;
  readonly logger?: FastifyBaseLogger;
}

/** The one public door: edge security, then each `/api/v1` prefix proxied to the service that owns it. */
export function buildApp(deps: GatewayDeps): ServiceApp {
  const { config } = deps;
  const app = createServiceApp({
    service: 'gateway-service',
    version: deps.version,
    description:
      'The public door: routing, authentication at the edge, rate limits, CORS and security headers.',
    auth: deps.auth,
    bodyLimitBytes: deps.bodyLimitBytes,
    publicPathPrefixes: [DOCS_PREFIX],
    readiness: Object.entries(config.upstreams).map(([name, url]) => httpReadiness(`${name}-service`, url)),
    beforeAuthentication: edgeSecurity({
      corsOrigins: config.corsOrigins,
      rateLimit: config.rateLimit,
      bodyLimitBytes: deps.bodyLimitBytes,
    }),
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
  });
  if (deps.devTokenIssuer !== null) app.register(devTokenRoute(deps.devTokenIssuer));
  app.register(docsRoutes(config.upstreams, deps.version, config.docsCacheMs));
  app.register(proxyRoutes(config.upstreams, config.proxyTimeoutMs));
  return app;
}
