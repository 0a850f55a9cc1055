/**
 * How the process flushes its spans when it stops. Kept free of any OpenTelemetry import: the
 * lifecycle imports it in every process, and with tracing off nothing of the SDK may be loaded.
 * `instrument.ts` registers the SDK's shutdown here; the graceful stop calls `stopTracing`.
 */
let shutdown: (() => Promise<void>) | undefined;

export function onTracingStop(stop: () => Promise<void>): void {
  shutdown = stop;
}

/** `off`: no SDK was started; `timed-out`: the exporter did not finish in time. */
export type TracingStop = 'flushed' | 'timed-out' | 'off';

/**
 * Exports the spans still buffered and stops the SDK, giving up after `timeoutMs` (a collector
 * that does not answer must not hold the process). An exporter's failure is thrown.
 */
export async function stopTracing(timeoutMs: number): Promise<TracingStop> {
  const stop = shutdown;
  shutdown = undefined;
  if (stop === undefined) return 'off';
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<TracingStop>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  try {
    return await Promise.race([stop().then((): TracingStop => 'flushed'), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
