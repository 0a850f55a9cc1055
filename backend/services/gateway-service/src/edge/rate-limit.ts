import fastifyRateLimit, { type FastifyRateLimitStoreCtor, normalizeIP } from '@fastify/rate-limit';
import { AppError, ErrorCode } from '@know-foolery/shared/errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimitConfig } from '../config.js';
import { pathOf } from './canonical-path.js';

/** Each request counts in exactly one per-client bucket: answers and dev tokens have their own. */
export type RateBucket = 'answers' | 'token' | 'all';

/** game-service's answer route; paths reach this check only in canonical form. */
const ANSWERS = /^\/api\/v1\/games\/[^/]+\/answers\/?$/;

export function bucketOf(method: string, path: string): RateBucket {
  if (method !== 'POST') return 'all';
  if (ANSWERS.test(path)) return 'answers';
  if (path === '/api/v1/dev/token') return 'token';
  return 'all';
}

/** An IPv4 address, or an IPv6 /64 (what one subscriber is given): rotating within it gains nothing. */
export const addressOf = (request: FastifyRequest): string => normalizeIP(request.ip);

/** The verified user when there is one (the limit runs after authentication), else the address. */
export function clientKey(request: FastifyRequest, bucket: RateBucket): string {
  const client = request.user === null ? `address:${addressOf(request)}` : `user:${request.user.id}`;
  return `${bucket}:${client}`;
}

export function bucketMax(config: RateLimitConfig, bucket: RateBucket): number {
  switch (bucket) {
    case 'answers':
      return config.answersMax;
    case 'token':
      return config.tokenMax;
    case 'all':
      return config.max;
  }
}

const bucketOfRequest = (request: FastifyRequest): RateBucket => bucketOf(request.method, pathOf(request));

function rateLimited(ttlMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new AppError(429, ErrorCode.rateLimited, `too many requests: try again in ${seconds} s`, {
    headers: { 'retry-after': String(seconds) },
  });
}

/**
 * Two limits. Per address, as the first thing a request meets (this runs before authentication,
 * so a flood of bad or missing tokens is refused without verifying one). Then, on every route and
 * after authentication, per client and bucket: players behind one NAT each have their own limit.
 * Counted in `store`: Redis, shared by the replicas, when there is one, else this process's memory.
 */
export async function rateLimits(
  app: FastifyInstance,
  config: RateLimitConfig,
  store: FastifyRateLimitStoreCtor,
): Promise<void> {
  await app.register(fastifyRateLimit, {
    store,
    global: true,
    // Route-level hooks run after the instance's, so after authentication has set request.user.
    // Stryker disable next-line StringLiteral: onRequest is also @fastify/rate-limit's default
    hook: 'onRequest',
    timeWindow: config.windowMs,
    keyGenerator: (request) => clientKey(request, bucketOfRequest(request)),
    max: (request) => bucketMax(config, bucketOfRequest(request)),
    errorResponseBuilder: (_request, context) => rateLimited(context.ttl),
  });
  const perAddress = app.createRateLimit({
    timeWindow: config.windowMs,
    max: config.addressMax,
    keyGenerator: (request) => `address:${addressOf(request)}`,
  });
  app.addHook('onRequest', async (request) => {
    const limit = await perAddress(request);
    if (!limit.isAllowed && limit.isExceeded) throw rateLimited(limit.ttl);
  });
}
