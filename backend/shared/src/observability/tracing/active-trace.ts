import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** The trace and span a log line or a problem response belongs to. */
export interface TraceIds {
  readonly traceId: string;
  readonly spanId: string;
}

/**
 * The ids of the span active where this is called (a request being handled), or undefined when
 * none is: tracing is off, or the code runs outside any request (start-up, a timer).
 */
export function activeTraceIds(): TraceIds | undefined {
  const span = trace.getSpan(context.active());
  if (span === undefined) return undefined;
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
