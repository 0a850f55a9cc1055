import { AppError, ErrorCode } from '@know-foolery/shared/errors';
import type { FastifyReply, RawServerBase, RouteGenericInterface } from 'fastify';

/** Methods a service may see twice without harm. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** The connection failed before any answer: the service may be restarting, or dropped an idle connection. */
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** Long enough for the pool to drop a dead connection, short enough not to hold the caller. */
const RETRY_DELAY_MS = 25;

/** How soon a caller may try again while a service cannot be reached. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = '5';

/** What the proxy passes to its retry policy; its published types name other objects. */
export interface ProxyAttempt {
  readonly err: unknown;
  readonly req: { readonly method: string; readonly body?: unknown };
  readonly res: unknown;
  readonly attempt: number;
}

const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

/**
 * At most one retry, of an idempotent request without a body (a streamed body is spent by the
 * first try), when the connection failed before any answer. A service that answered, even 503,
 * has spoken: its answer and its Retry-After reach the caller unchanged, so a service that is down
 * is asked once per call, not eleven times.
 */
export function retryDelay({ err, req, res, attempt }: ProxyAttempt): number | null {
  const noBody = req.body === undefined || req.body === '';
  const failedToConnect = res === undefined && CONNECTION_FAILURES.has(String(codeOf(err)));
  return attempt === 0 && IDEMPOTENT_METHODS.has(req.method) && noBody && failedToConnect
    ? RETRY_DELAY_MS
    : null;
}

/**
 * The proxy's answer when a service gave none: the request's own error (a body over the limit)
 * as it is, 504 when the service took too long, and otherwise, however the connection failed,
 * 503 UPSTREAM_UNAVAILABLE with Retry-After. A request whose body was not read to its end leaves
 * the connection unusable, so it is closed after the answer.
 */
export function answerProxyError(
  reply: FastifyReply<RouteGenericInterface, RawServerBase>,
  service: string,
  error: Error,
): void {
  if (!reply.request.raw.complete) reply.header('connection', 'close');
  if (error.cause instanceof AppError) {
    reply.send(error.cause);
    return;
  }
  const timedOut = 'statusCode' in error && error.statusCode === 504;
  reply.send(
    timedOut
      ? new AppError(504, ErrorCode.upstreamTimeout, `${service}-service did not answer in time`)
      : new AppError(
          503,
          ErrorCode.upstreamUnavailable,
          `${service}-service is unavailable, try again shortly`,
          {
            headers: { 'retry-after': UNAVAILABLE_RETRY_AFTER_SECONDS },
          },
        ),
  );
}
