import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { AppError, ErrorCode } from '../errors/index.js';

/** A downstream answered with a server error; thrown inside the policies so they see the failure. */
export class DownstreamServerError extends Error {
  constructor(readonly status: number) {
    super(`answered ${status}`);
    this.name = 'DownstreamServerError';
  }
}

/** What a failed try says about the downstream itself. */
type DownstreamFailure = 'unreachable' | 'unavailable' | 'timeout' | 'failed';

const UNDICI_TIMEOUTS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** undici's own error for a connection the other side closed; the operating system's carry a `syscall`. */
const UNDICI_CONNECTION_LOST = 'UND_ERR_SOCKET';

/**
 * The downstream's part in a failed try, or null when the failure says nothing about it: a 4xx
 * answer (the caller's input was refused) or an error on the calling side (an invalid path, a
 * body that cannot be serialised, a pool already closed). Only downstream failures are retried
 * and counted by the circuit breaker, so one caller's bad input never opens it for everybody.
 */
export function downstreamFailure(error: unknown): DownstreamFailure | null {
  if (error instanceof AppError) return null;
  if (error instanceof DownstreamServerError) return error.status === 503 ? 'unavailable' : 'failed';
  // instanceof, not cockatiel's isTaskCancelledError: in 3.2.1 that checks the wrong property.
  if (error instanceof TaskCancelledError) return 'timeout';
  if (!(error instanceof Error) || !('code' in error)) return null;
  const code = String(error.code);
  if (UNDICI_TIMEOUTS.has(code)) return 'timeout';
  if (code === UNDICI_CONNECTION_LOST || 'syscall' in error) return 'unreachable';
  return null;
}

export const isDownstreamFailure = (error: unknown): boolean => downstreamFailure(error) !== null;

/**
 * One answer for each situation, whatever the route and however many tries it took:
 *
 * | the call                                           | the caller's answer                       |
 * | -------------------------------------------------- | ----------------------------------------- |
 * | downstream answered 4xx                            | the same status, code and detail          |
 * | could not connect, or the connection was lost      | 503 UPSTREAM_UNAVAILABLE with Retry-After |
 * | downstream answered 503                            | 503 UPSTREAM_UNAVAILABLE with Retry-After |
 * | circuit breaker open (the downstream kept failing) | 503 UPSTREAM_UNAVAILABLE with Retry-After |
 * | no answer within the timeout                       | 504 UPSTREAM_TIMEOUT                      |
 * | downstream answered another 5xx                    | 502 UPSTREAM_FAILED                       |
 * | failed on the calling side                         | the error itself: 500 INTERNAL_ERROR      |
 *
 * Retry-After is the time until the breaker next lets a trial call through, at least a second.
 */
export function callerErrorFor(downstream: string, error: unknown, retryAfterSeconds: () => number): unknown {
  const failure = error instanceof BrokenCircuitError ? 'unavailable' : downstreamFailure(error);
  switch (failure) {
    case 'unreachable':
    case 'unavailable':
      return new AppError(
        503,
        ErrorCode.upstreamUnavailable,
        `${downstream} is unavailable, try again shortly`,
        {
          headers: { 'retry-after': String(retryAfterSeconds()) },
          cause: error,
        },
      );
    case 'timeout':
      return new AppError(504, ErrorCode.upstreamTimeout, `${downstream} did not answer in time`, {
        cause: error,
      });
    case 'failed':
      return new AppError(502, ErrorCode.upstreamFailed, `${downstream} failed to answer the request`, {
        cause: error,
      });
    case null:
      return error;
  }
}
