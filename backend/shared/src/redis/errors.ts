import { AppError } from '../errors/index.js';

export const RedisErrorCode = {
  /** Redis cannot serve the command now: down, unreachable, failing over, or its breaker is open. */
  unavailable: 'REDIS_UNAVAILABLE',
} as const;

/**
 * A command Redis could not serve. Callers choose their fallback: a cache goes to the database, a
 * session lookup answers it as it is (503 problem+json with `Retry-After`).
 */
export class RedisUnavailableError extends AppError {
  constructor(retryAfterMs: number, cause: unknown) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(503, RedisErrorCode.unavailable, 'a storage dependency is unavailable: try again shortly', {
      headers: { 'retry-after': String(seconds) },
      cause,
    });
    this.name = 'RedisUnavailableError';
  }
}

/** Replies that mean the server cannot serve anyone now, unlike a caller's mistake (WRONGTYPE). */
const UNAVAILABLE_REPLIES = /^(CLUSTERDOWN|LOADING|MASTERDOWN|READONLY|TRYAGAIN|NOREPLICAS|BUSY)\b/;

/** What ioredis refuses before sending: the caller's keys, not the server, are at fault. */
const CLIENT_SIDE_REFUSALS = /should belong to the same slot/;

/** True for failures of the server or the connection to it: the ones the breaker counts. */
export function isServerFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ReplyError') return UNAVAILABLE_REPLIES.test(error.message);
  return !CLIENT_SIDE_REFUSALS.test(error.message);
}
