import type { FastifyRequest } from 'fastify';
import type { RateLimitConfig } from '../config.js';

export type RateBucket = 'answers' | 'token' | 'all';

const ANSWERS = /^\/api\/v1\/games\/[^/]+\/answers\/?$/;

export function bucketOf(method: string, path: string): RateBucket {
  if (method !== 'POST') return 'all';
  if (ANSWERS.test(path)) return 'answers';
  if (path === '/api/v1/dev/token') return 'token';
  return 'all';
}

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? request.url;

/**
 * A client is the verified user when there is one (authentication runs first), else the address.
 * Answers and dev tokens count in buckets of their own, with tighter limits.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const client = request.user === null ? `ip:${request.ip}` : `user:${request.user.id}`;
  return `${bucketOf(request.method, pathOf(request))}:${client}`;
}

export function rateLimitMax(config: RateLimitConfig) {
  return (request: FastifyRequest): number => {
    switch (bucketOf(request.method, pathOf(request))) {
      case 'answers':
        return config.answersMax;
      case 'token':
        return config.tokenMax;
      case 'all':
        return config.max;
    }
  };
}
