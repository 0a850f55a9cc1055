import type { FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '../observability/index.js';

/** What a call to another service carries from the request that caused it. */
export interface CallContext {
  readonly requestId?: string;
  /** The caller's `Authorization` header, or a service identity's `Bearer` token. */
  readonly authorization?: string;
  readonly traceparent?: string;
  readonly tracestate?: string;
}

const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

/** Forwards the caller's identity: the downstream service verifies the same token again. */
export function forwardFrom(request: FastifyRequest): CallContext {
  const context: { -readonly [K in keyof CallContext]: CallContext[K] } = { requestId: request.id };
  if (request.headers.authorization !== undefined) context.authorization = request.headers.authorization;
  for (const name of TRACE_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') context[name] = value;
  }
  return context;
}

/** The same request's id and trace, but the service's own identity instead of the caller's. */
export function asService(context: CallContext, serviceToken: string): CallContext {
  return { ...context, authorization: `Bearer ${serviceToken}` };
}

export function callHeaders(context: CallContext): Record<string, string> {
  const headers: Record<string, string> = {};
  if (context.requestId !== undefined) headers[REQUEST_ID_HEADER] = context.requestId;
  if (context.authorization !== undefined) headers.authorization = context.authorization;
  if (context.traceparent !== undefined) headers.traceparent = context.traceparent;
  if (context.tracestate !== undefined) headers.tracestate = context.tracestate;
  return headers;
}
