import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerOptions } from 'pino';
import type { LogLevel } from '../config/index.js';
import { activeTraceIds } from './tracing/active-trace.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Caller-supplied ids are kept only if they are short and plain, so they are safe to log and forward. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED_REQUEST_ID.test(value);
}

export function requestIdFor(request: IncomingMessage): string {
  const supplied = request.headers[REQUEST_ID_HEADER];
  return isWellFormedRequestId(supplied) ? supplied : randomUUID();
}

/** Paths pino blanks out in every log line: credentials must never reach a log. */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'authorization',
  'password',
  'secret',
  'token',
  '*.password',
  '*.secret',
  '*.token',
  '*.jwtSecret',
  '*.accessToken',
];

export function loggerOptions(service: string, level: LogLevel): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'message',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    // The trace of the request being handled, so its log lines and its spans are found together.
    mixin: () => activeTraceIds() ?? {},
  };
}

/** The metric types services record with, from the one prom-client every registry comes from. */
export { Counter, Gauge, Histogram } from 'prom-client';
export { createMetricsRegistry, type MetricsRegistry } from './metrics.js';
export { METRICS_PATH, type MetricsListener, openMetricsListener } from './metrics-listener.js';
export { type CountedOutcomes, type OutcomeCounter, outcomeCounter } from './outcome-counter.js';
export { type MeteredService, type ServingMetrics, servingMetrics } from './serving-metrics.js';
export { activeTraceIds, type TraceIds } from './tracing/active-trace.js';
export { stopTracing, type TracingStop } from './tracing/tracing-shutdown.js';
