import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { pino } from 'pino';
import { loggerOptions } from '../src/observability/index.js';
import { platformInstrumentations } from '../src/observability/tracing/instrumentations.js';
import { waitFor } from '../src/testing/index.js';

/**
 * The platform's instrumentations on a tracer provider of the test's own, every span kept in
 * memory: what `instrument.ts` starts in a service process, minus the exporter.
 */
export interface InMemoryTracing {
  /** The finished spans so far. */
  spans(): ReadableSpan[];
  /** Waits until the finished spans hold one that matches. */
  spanWhere(what: string, matches: (span: ReadableSpan) => boolean): Promise<ReadableSpan>;
  stop(): Promise<void>;
}

export function startInMemoryTracing(): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  const instrumentations = platformInstrumentations();
  const unregister = registerInstrumentations({ instrumentations, tracerProvider: provider });
  // node:http was loaded before the instrumentation; it is patched when it is next required.
  createRequire(import.meta.url)('node:http');
  const spans = () => exporter.getFinishedSpans();
  return {
    spans,
    async spanWhere(what, matches) {
      await waitFor(what, async () => spans().some(matches));
      const found = spans().find(matches);
      if (found === undefined) throw new Error(`no span ${what}`);
      return found;
    },
    async stop() {
      unregister();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

export const isServerSpan = (span: ReadableSpan) => span.kind === SpanKind.SERVER;

export function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

/** A logger as services make theirs, writing its lines into `lines` (parsed) instead of stdout. */
export function capturedLogger(service: string, lines: Record<string, unknown>[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() !== '') lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return pino(loggerOptions(service, 'info'), sink);
}
