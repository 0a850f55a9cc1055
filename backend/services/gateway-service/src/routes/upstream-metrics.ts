import { Histogram, type MetricsRegistry } from '@know-foolery/shared/observability';

/** The status_code of a proxied call that got no answer: refused, reset, or timed out. */
export const NO_ANSWER = 'error';

/**
 * `gateway_upstream_request_duration_seconds` by upstream service and status code: from the moment
 * the proxy takes a request to the upstream's response headers (or its failure), so the gateway's
 * own work (rate limits, authentication) is left out and shows in http_server_request_duration_seconds.
 */
export class UpstreamTimer {
  readonly #latency: Histogram<'upstream' | 'status_code'>;
  readonly #startedAt = new WeakMap<object, number>();

  constructor(registry: MetricsRegistry) {
    this.#latency = new Histogram({
      name: 'gateway_upstream_request_duration_seconds',
      help: "Proxied calls to each service, by upstream and its answer's status code (error when none came)",
      labelNames: ['upstream', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** `request` is the proxied request's object (Fastify's), which the proxy hands back at the end. */
  start(request: object): void {
    this.#startedAt.set(request, performance.now());
  }

  /** `statusCode` is the upstream's, or NO_ANSWER. */
  stop(request: object, upstream: string, statusCode: number | typeof NO_ANSWER): void {
    const startedAt = this.#startedAt.get(request);
    if (startedAt === undefined) return;
    this.#startedAt.delete(request);
    this.#latency.observe(
      { upstream, status_code: String(statusCode) },
      (performance.now() - startedAt) / 1000,
    );
  }
}
