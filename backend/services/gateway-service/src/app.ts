import type { AuthProvider, TokenIssuer } from '@know-foolery/shared/auth';
import {
  createServiceApp,
  httpReadiness,
  type ReadinessCheck,
  redisReadiness,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import type { RedisClient } from '@know-foolery/shared/redis';
import type { FastifyBaseLogger } from 'fastify';
import type { GatewayConfig } from './config.js';
import { DOCS_PREFIX, docsRoutes } from './docs/docs-routes.js';
import { MemoryWindows } from './edge/memory-windows.js';
import { rateLimitStore } from './edge/rate-limit-store.js';
import { RedisWindows } from './edge/redis-windows.js';
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
  /** Where the rate limits count, shared by every replica; without it, each in its own memory. */
  readonly redis?: RedisClient;
  readonly logger?: FastifyBaseLogger;
}

/** The one public door: edge security, then each `/api/v1` prefix proxied to the service that owns it. */
export function buildApp(deps: GatewayDeps): ServiceApp {
  const { config } = deps;
  const readiness: ReadinessCheck[] = Object.entries(config.upstreams).map(([name, url]) =>
    httpReadiness(`${name}-service`, url),
  );
  // Without Redis the limits fall back to each replica's memory: degraded, still serving.
  if (deps.redis !== undefined) readiness.push(redisReadiness(deps.redis, { cacheOnly: true }));
  const app = createServiceApp({
    service: 'gateway-service',
    version: deps.version,
    description:
      'The public door: routing, authentication at the edge, rate limits, CORS and security headers.',
    auth: deps.auth,
    bodyLimitBytes: deps.bodyLimitBytes,
    publicPathPrefixes: [DOCS_PREFIX],
    servesOwnDocument: false,
    readiness,
    beforeAuthentication: edgeSecurity({
      corsOrigins: config.corsOrigins,
      rateLimit: config.rateLimit,
      rateLimitStore: rateLimitStore(
        deps.redis === undefined ? new MemoryWindows() : new RedisWindows(deps.redis, new MemoryWindows()),
      ),
      bodyLimitBytes: deps.bodyLimitBytes,
    }),
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
  });
  if (deps.devTokenIssuer !== null) app.register(devTokenRoute(deps.devTokenIssuer));
  app.register(docsRoutes(config.upstreams, deps.version, config.docsCacheMs));
  app.register(proxyRoutes(config.upstreams, config.proxyTimeoutMs));
  return app;
}
