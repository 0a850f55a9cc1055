import { NodeSDK } from '@opentelemetry/sdk-node';
import { platformInstrumentations } from './instrumentations.js';
import type { TracingSettings } from './tracing-settings.js';
import { onTracingStop } from './tracing-shutdown.js';

/**
 * Starts the OpenTelemetry SDK for traces only: the exporter, sampler, propagators and batching
 * come from the OTEL_* variables. Metrics stay with Prometheus and logs with pino, so the SDK's
 * own metric and log exporters (on by default) are given none. The graceful stop flushes it.
 */
export function startTracing(settings: TracingSettings): void {
  const sdk = new NodeSDK({
    ...(settings.serviceName === undefined ? {} : { serviceName: settings.serviceName }),
    instrumentations: platformInstrumentations(),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  onTracingStop(() => sdk.shutdown());
}
