import type { AuthProvider, TokenIssuer } from '@know-foolery/shared/auth';
import {
  createServiceApp,
  httpReadiness,
  type ReadinessCheck,
  type ReportedCircuit,
  redisReadiness,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { createMetricsRegistry, type MetricsRegistry } from '@know-foolery/shared/observability';
import type { RedisClient } from '@know-foolery/shared/redis';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { SessionDirectory } from './clients/session-client.js';
import type { GatewayConfig } from './config.js';
import { DOCS_PREFIX, docsRoutes } from './docs/docs-routes.js';
import { MemoryWindows } from './edge/memory-windows.js';
import { rateLimitStore } from './edge/rate-limit-store.js';
import { RedisWindows } from './edge/redis-windows.js';
import { edgeSecurity } from './edge/security.js';
import { sessionAuthentication } from './edge/session-auth.js';
import { stepUpOnAdminRoutes } from './edge/step-up.js';
import { tokenRevocation } from './edge/token-revocation.js';
import { sessionRoutes } from './routes/auth-session.js';
import { signInRoutes } from './routes/auth-sign-in.js';
import { devTokenRoute } from './routes/dev-token.js';
import { proxyRoutes } from './routes/proxy.js';
import { UpstreamTimer } from './routes/upstream-metrics.js';
import type { SignInComponents } from './sign-in/components.js';
import { countedSignIns } from './sign-in/sign-in-metrics.js';
import { webClientRoutes } from './web-client/web-client-routes.js';

export interface GatewayDeps {
  readonly version: string;
  readonly config: Pick<
    GatewayConfig,
    'upstreams' | 'corsOrigins' | 'rateLimit' | 'proxyTimeoutMs' | 'docsCacheMs'
  >;
  readonly auth: AuthProvider;
  /** session-service: resolves session cookies and keeps the tokens' revocation marks. */
  readonly sessions: SessionDirectory;
  /** The circuit breakers of the gateway's own calls (session-service; user-service at sign-in), reported in readiness. */
  readonly circuits?: Readonly<Record<string, ReportedCircuit>>;
  /** Present only when development tokens are allowed (mock provider, not production). */
  readonly devTokenIssuer: TokenIssuer | null;
  /**
   * The gateway as the OpenID Connect client people sign in through, with the step-up check of
   * admin routes: present only with AUTH_PROVIDER=oidc. Without it the sign-in routes do not exist.
   */
  readonly signIn?: SignInComponents | null;
  readonly bodyLimitBytes: number;
  /** Where the rate limits count, shared by every replica; without it, each in its own memory. */
  readonly redis?: RedisClient;
  readonly logger?: FastifyBaseLogger;
  /** The process's registry; without one, what the app records goes unread (tests). */
  readonly metrics?: MetricsRegistry;
  /** The built web client, served at `/` with its assets; without it, the API alone. */
  readonly webClientDir?: string | null;
}

/**
 * The one public door: edge security, then a session cookie turned into the session's bearer
 * token (with the CSRF checks), authentication, the revocation check of bearer tokens, the step-up
 * check of admin routes, and each `/api/v1` prefix proxied to the service that owns it. With an
 * identity provider (AUTH_PROVIDER=oidc) it is also the OpenID Connect client people sign in through.
 */
export function buildApp(deps: GatewayDeps): ServiceApp {
  const { config } = deps;
  const metrics = deps.metrics ?? createMetricsRegistry();
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
    beforeAuthentication: fastifyPlugin(async (edge: FastifyInstance) => {
      await edge.register(
        edgeSecurity({
          corsOrigins: config.corsOrigins,
          rateLimit: config.rateLimit,
          rateLimitStore: rateLimitStore(
            deps.redis === undefined
              ? new MemoryWindows()
              : new RedisWindows(deps.redis, new MemoryWindows()),
          ),
          bodyLimitBytes: deps.bodyLimitBytes,
        }),
      );
      await edge.register(
        sessionAuthentication({ sessions: deps.sessions, corsOrigins: config.corsOrigins }),
      );
    }),
    ...(deps.circuits === undefined ? {} : { circuits: deps.circuits }),
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    metrics,
  });
  app.register(tokenRevocation(deps.sessions));
  const signIn = deps.signIn ?? null;
  if (signIn !== null) {
    app.register(stepUpOnAdminRoutes({ machineAdmins: signIn.machineAdmins }));
    app.register(signInRoutes(signIn, countedSignIns(metrics), config.corsOrigins));
    app.register(
      sessionRoutes({ components: signIn, directory: deps.sessions, corsOrigins: config.corsOrigins }),
    );
  }
  if (deps.devTokenIssuer !== null) app.register(devTokenRoute(deps.devTokenIssuer));
  app.register(docsRoutes(config.upstreams, deps.version, config.docsCacheMs, { stepUp: signIn !== null }));
  app.register(proxyRoutes(config.upstreams, config.proxyTimeoutMs, new UpstreamTimer(metrics)));
  const webClientDir = deps.webClientDir ?? null;
  if (webClientDir !== null) app.register(webClientRoutes(webClientDir));
  return app;
}
