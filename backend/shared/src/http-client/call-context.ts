import type { FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '../observability/index.js';

/**
 * What a call to another service carries from the request that caused it. The trace is not part of
 * it: the OpenTelemetry instrumentation of outgoing requests adds `traceparent` and `tracestate`
 * from the active span (see docs/OBSERVABILITY.md, Traces).
 */
export interface CallContext {
  readonly requestId?: string;
  /** The caller's `Authorization` header, or a service identity's `Bearer` token. */
  readonly authorization?: string;
}

/** Forwards the caller's identity: the downstream service verifies the same token again. */
export function forwardFrom(request: FastifyRequest): CallContext {
  const { authorization } = request.headers;
  return authorization === undefined ? { requestId: request.id } : { requestId: request.id, authorization };
}

/** The same request's id, but the service's own identity instead of the caller's. */
export function asService(context: CallContext, serviceToken: string): CallContext {
  return { ...context, authorization: `Bearer ${serviceToken}` };
}

export function callHeaders(context: CallContext): Record<string, string> {
  const headers: Record<string, string> = {};
  if (context.requestId !== undefined) headers[REQUEST_ID_HEADER] = context.requestId;
  if (context.authorization !== undefined) headers.authorization = context.authorization;
  return headers;
}
