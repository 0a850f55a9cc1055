import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, PROBLEM_CONTENT_TYPE, toProblem } from '../errors/index.js';
import { REQUEST_ID_HEADER } from '../observability/index.js';
import { sendProblem } from './problem-handler.js';

interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
}

/** Requests Fastify's router refuses before any route, hook or error handler runs. */
const ROUTER_REFUSALS: Readonly<Record<string, Refusal>> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: ErrorCode.malformedUrl,
    detail: 'the path is not valid percent-encoded text',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: ErrorCode.uriTooLong,
    detail: 'a path segment is longer than the server accepts',
  },
};

const UNEXPECTED: Refusal = { status: 500, code: ErrorCode.internal, detail: 'an unexpected error occurred' };

/** Fastify's `frameworkErrors`: the router's refusals leave as problem+json like every other error. */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const refusal = ROUTER_REFUSALS[error.code] ?? UNEXPECTED;
  if (refusal.status >= 500) request.log.error({ err: error }, 'the router failed');
  reply.header(REQUEST_ID_HEADER, request.id);
  sendProblem(request, reply, refusal.status, refusal.code, refusal.detail);
}

/** What Node's HTTP parser refuses before Fastify sees a request. */
const PARSER_REFUSALS: Readonly<Record<string, Refusal>> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: ErrorCode.headersTooLarge,
    detail: 'the request line and headers are larger than the server accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: ErrorCode.requestTimeout,
    detail: 'the request did not arrive in time',
  },
};

const MALFORMED: Refusal = {
  status: 400,
  code: ErrorCode.malformedRequest,
  detail: 'the request is not valid HTTP/1.1',
};

/**
 * Fastify's `clientErrorHandler` (the server's 'clientError' event): there is no request object
 * yet, so the problem+json answer is written to the socket by hand, which then closes.
 */
export function clientErrorAnswerer(
  log: FastifyBaseLogger | undefined,
): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const refusal = PARSER_REFUSALS[error.code ?? ''] ?? MALFORMED;
    const requestId = randomUUID();
    log?.debug({ err: error, requestId }, `refused a request Node could not parse: ${refusal.code}`);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(toProblem(refusal.status, refusal.code, refusal.detail, { requestId }));
    socket.end(
      [
        `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}`,
        `content-type: ${PROBLEM_CONTENT_TYPE}`,
        `content-length: ${Buffer.byteLength(body)}`,
        `${REQUEST_ID_HEADER}: ${requestId}`,
        'connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  };
}
