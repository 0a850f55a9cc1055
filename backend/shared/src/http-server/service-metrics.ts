import type { FastifyInstance } from 'fastify';
import { Gauge, Histogram, type Registry } from 'prom-client';
import type { CircuitStateName } from '../http-client/index.js';
import { type ReadinessCheck, type ReportedCircuit, runCheck } from './health.js';

/** The `route` of a request no route matched: its path is the caller's to choose, so never a label. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Methods a route can have; any other (the router answers 404 or 405) is counted as `other`. */
const ROUTE_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The same values as redis_client_breaker_state, so one dashboard reads both. */
const CIRCUIT_STATE_VALUES: Readonly<Record<CircuitStateName, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
  isolated: 3,
};

/** A scrape must not wait for a dependency as long as readiness may: Prometheus times out at 10 s. */
const SCRAPE_CHECK_TIMEOUT_MS = 1_000;

export interface ServiceMetricsOptions {
  readonly circuits: Readonly<Record<string, ReportedCircuit>>;
  readonly checks: readonly ReadinessCheck[];
  readonly checkTimeoutMs: number;
}

/**
 * What every service records: each request by method, route template and status; each circuit
 * breaker's state and each readiness check's answer, read when Prometheus scrapes. Every label
 * comes from a closed set (a route template, a check or circuit named in code), never a raw path
 * or an id, so the number of series stays the same whatever the callers send.
 */
export function recordServiceMetrics(
  app: FastifyInstance,
  registry: Registry,
  options: ServiceMetricsOptions,
): void {
  const registers = [registry];
  const requests = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Requests served, by method, route template (unmatched when none matched) and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  app.addHook('onResponse', async (request, reply) => {
    requests.observe(
      {
        method: ROUTE_METHODS.has(request.method) ? request.method : 'other',
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  const circuits = Object.entries(options.circuits);
  new Gauge({
    name: 'circuit_breaker_state',
    help: 'State of the circuit breaker of each service this one calls: 0 closed, 1 half-open, 2 open, 3 isolated',
    labelNames: ['circuit'],
    registers,
    collect() {
      for (const [circuit, { circuitState }] of circuits) {
        this.set({ circuit }, CIRCUIT_STATE_VALUES[circuitState]);
      }
    },
  });

  const timeoutMs = Math.min(options.checkTimeoutMs, SCRAPE_CHECK_TIMEOUT_MS);
  new Gauge({
    name: 'dependency_up',
    help: "1 while the dependency answers this service's readiness check, else 0; checked at each scrape",
    labelNames: ['dependency'],
    registers,
    async collect() {
      const results = await Promise.all(options.checks.map((check) => runCheck(check, timeoutMs)));
      options.checks.forEach((check, index) => {
        this.set({ dependency: check.name }, results[index]?.status === 'up' ? 1 : 0);
      });
    },
  });
}
