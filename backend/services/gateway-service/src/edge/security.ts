import fastifyCors from '@fastify/cors';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { CSRF_HEADER } from '@know-foolery/session-service/contract';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import helmet from 'helmet';
import type { RateLimitConfig } from '../config.js';
import { bodyLimits } from './body-limit.js';
import { refuseNonCanonicalPaths } from './canonical-path.js';
import { rateLimits } from './rate-limit.js';

export interface EdgeSecurityOptions {
  readonly corsOrigins: readonly string[];
  readonly rateLimit: RateLimitConfig;
  /** Where the rate limits count: Redis or this process's memory. */
  readonly rateLimitStore: FastifyRateLimitStoreCtor;
  readonly bodyLimitBytes: number;
}

async function headers(app: FastifyInstance, corsOrigins: readonly string[]): Promise<void> {
  // Helmet's middleware, built once per app: @fastify/helmet builds it again on every request
  // (parsing the CSP directives each time), which was a seventh of the gateway's CPU on `/health/live`.
  const securityHeaders = helmet({
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-site' },
    // The same answer as `frame-ancestors 'none'`, for browsers that only read X-Frame-Options.
    frameguard: { action: 'deny' },
  });
  // Helmet 8 reports a bad option by throwing when built, never through the callback.
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, () => done());
  });
  await app.register(fastifyCors, {
    origin: [...corsOrigins],
    credentials: true,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    // X-CSRF-Token: what a page of another allowed origin sends with a change made with the session cookie.
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', CSRF_HEADER],
    exposedHeaders: [
      'x-request-id',
      'retry-after',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ],
    maxAge: 600,
  });
}

/**
 * What the public door adds to every service's defaults, in the order a request meets it, all
 * before authentication: security headers and CORS (so a 401 or 429 carries them too and a
 * browser can read it), the per-address rate limit, the one accepted spelling of a path, and each
 * route's body limit. The per-client rate limit runs after authentication, on every route.
 */
export function edgeSecurity(options: EdgeSecurityOptions): FastifyPluginAsync {
  return fastifyPlugin(
    async (app) => {
      await headers(app, options.corsOrigins);
      await rateLimits(app, options.rateLimit, options.rateLimitStore);
      app.addHook('onRequest', refuseNonCanonicalPaths);
      bodyLimits(app, options.bodyLimitBytes);
    },
    // Stryker disable next-line StringLiteral: metadata for Fastify's registry; nothing asks for it
    { name: 'know-foolery-edge-security', fastify: '5.x' },
  );
}
