import { FastifyOtelInstrumentation } from '@fastify/otel';
import { isSpanContextValid } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { UndiciInstrumentation, type UndiciRequest } from '@opentelemetry/instrumentation-undici';

/** Probes and scrapes every few seconds: a trace each would drown the requests that matter. */
const UNTRACED_PATHS = ['/health', '/metrics'];

/** Query parameters that carry a credential (the sign-in callback's code and state, tokens). */
const REDACTED_QUERY_PARAMETERS = ['code', 'state', 'id_token_hint', 'access_token', 'token'];

const TRACE_HEADERS: ReadonlySet<string> = new Set(['traceparent', 'tracestate']);

function isUntraced(path: string | undefined): boolean {
  return UNTRACED_PATHS.some((prefix) => path === prefix || path?.startsWith(`${prefix}/`) === true);
}

function pathOf(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}

/**
 * The trace headers a request already holds, taken out before the instrumentation adds this
 * span's: the gateway's proxy passes the caller's headers on, and a second `traceparent` would
 * make the downstream refuse both and start a trace of its own.
 */
function dropTraceHeaders(request: UndiciRequest): void {
  const { headers } = request;
  if (typeof headers === 'string') {
    request.headers = headers
      .split('\r\n')
      .filter((line) => !TRACE_HEADERS.has(line.slice(0, line.indexOf(':')).trim().toLowerCase()))
      .join('\r\n');
    return;
  }
  for (let index = headers.length - 2; index >= 0; index -= 2) {
    const name = headers[index];
    if (typeof name === 'string' && TRACE_HEADERS.has(name.toLowerCase())) headers.splice(index, 2);
  }
}

/**
 * What is traced, beside the database queries (traced by the Kysely wrapper, see
 * database/traced-dialect.ts): requests a service receives (node:http, which extracts the caller's
 * trace context), its Fastify routes, the calls it makes with undici (the service client, the
 * gateway's proxy, fetch) and its Redis commands. A Redis statement is the command's name alone:
 * its keys hold session and user ids.
 */
export function platformInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => isUntraced(pathOf(request.url)),
      // Outgoing calls all go through undici; node:http's client is used by nothing worth a span.
      disableOutgoingRequestInstrumentation: true,
      redactedQueryParamsServer: REDACTED_QUERY_PARAMETERS,
    }),
    new UndiciInstrumentation({
      requireParentforSpans: true,
      // Only where this call's own context is sent instead: without a span, the headers stay as they are.
      requestHook: (span, request) => {
        if (isSpanContextValid(span.spanContext())) dropTraceHeaders(request);
      },
    }),
    new IORedisInstrumentation({
      requireParentSpan: true,
      dbStatementSerializer: (command) => command,
    }),
    new FastifyOtelInstrumentation({
      registerOnInitialization: true,
      // The request span alone: hook and handler spans are named after the plugin's source text.
      instrumentHooks: false,
      instrumentHandler: false,
      ignorePaths: (route) => isUntraced(route.url),
      // Its `url.path` is the whole URL, query string included; the HTTP span has the redacted query.
      requestHook: (span, request) => span.setAttribute('url.path', pathOf(request.url) ?? request.url),
    }),
  ];
}
