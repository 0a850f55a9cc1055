import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import { AppError, ErrorCode } from '@know-foolery/shared/errors';
import type { ServiceApp } from '@know-foolery/shared/http-server';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { RateLimitConfig } from '../config.js';
import { rateLimitKey, rateLimitMax } from './rate-limit.js';
import { LARGE_BODY_ROUTES } from './routing-table.js';

export interface EdgeSecurityOptions {
  readonly corsOrigins: readonly string[];
  readonly rateLimit: RateLimitConfig;
  readonly bodyLimitBytes: number;
}

function bodyLimitFor(path: string, defaultLimit: number): number {
  return LARGE_BODY_ROUTES.find((route) => route.path === path)?.limitBytes ?? defaultLimit;
}

/**
 * What the public door adds to every service's defaults: security headers, a CORS allowlist,
 * rate limits and body size limits. Proxied bodies stream through unparsed, so their size is
 * checked here from Content-Length (the owning service enforces its own limit again).
 */
async function edgeSecurity(app: FastifyInstance, options: EdgeSecurityOptions): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(fastifyCors, {
    origin: [...options.corsOrigins],
    credentials: true,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: [
      'x-request-id',
      'retry-after',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ],
    maxAge: 600,
  });
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: options.rateLimit.windowMs,
    max: rateLimitMax(options.rateLimit),
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) =>
      new AppError(429, ErrorCode.rateLimited, `too many requests: try again in ${context.after}`, {
        headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      }),
  });
  app.addHook('onRequest', async (request) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    const limit = bodyLimitFor(request.url.split('?')[0] ?? '', options.bodyLimitBytes);
    if (declared > limit) {
      throw new AppError(413, ErrorCode.payloadTooLarge, `the request body is larger than ${limit} bytes`);
    }
  });
}

export const edgeSecurityPlugin = fastifyPlugin(edgeSecurity, {
  name: 'know-foolery-edge-security',
  fastify: '5.x',
});

export function registerEdgeSecurity(app: ServiceApp, options: EdgeSecurityOptions): void {
  app.register(edgeSecurityPlugin, options);
}
