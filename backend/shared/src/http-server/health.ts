import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { publicAccess } from '../auth/index.js';
import type { CircuitStateName } from '../http-client/index.js';
import { errorMessage } from '../utils/index.js';

/** One dependency a service needs to do its work; `check` throws when the dependency is down. */
export interface ReadinessCheck {
  readonly name: string;
  /**
   * The service still works without this dependency, only worse (Redis as a cache only): when the
   * check fails it is reported `degraded` and readiness still answers 200, since pulling every
   * instance out of rotation would turn slower answers into none.
   */
  readonly optional?: boolean;
  check(signal: AbortSignal): Promise<Readonly<Record<string, unknown>> | undefined>;
}

/** A circuit breaker readiness reports the state of (a ServiceClient is one). */
export interface ReportedCircuit {
  readonly circuitState: CircuitStateName;
}

export interface HealthState {
  /** Set on a stop signal: readiness answers 503 before the listener closes. */
  shuttingDown: boolean;
}

export interface HealthOptions {
  readonly service: string;
  readonly version: string;
  readonly checks: readonly ReadinessCheck[];
  readonly circuits: Readonly<Record<string, ReportedCircuit>>;
  readonly state: HealthState;
  readonly checkTimeoutMs: number;
}

const CheckResult = Type.Object(
  { status: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('degraded')]) },
  { additionalProperties: true },
);

const HealthReport = Type.Object({
  status: Type.Union([
    Type.Literal('ok'),
    Type.Literal('ready'),
    Type.Literal('degraded'),
    Type.Literal('not_ready'),
    Type.Literal('shutting_down'),
  ]),
  service: Type.String(),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
  checks: Type.Record(Type.String(), CheckResult),
  circuits: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Union([
        Type.Literal('closed'),
        Type.Literal('open'),
        Type.Literal('half-open'),
        Type.Literal('isolated'),
      ]),
    ),
  ),
});

const startedAt = performance.now();
const uptimeSeconds = () => Math.round((performance.now() - startedAt) / 100) / 10;

/** One check under a deadline: `up` with its details, else `down` (`degraded` when optional) with why. */
export async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<Record<string, unknown>> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const details = await Promise.race([
      check.check(signal),
      new Promise<never>((_, reject) => {
        signal.addEventListener('abort', () => reject(new Error(`timed out after ${timeoutMs} ms`)), {
          once: true,
        });
      }),
    ]);
    return { status: 'up', ...details };
  } catch (error) {
    return { status: check.optional === true ? 'degraded' : 'down', error: errorMessage(error) };
  }
}

export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  const identity = { service: options.service, version: options.version };
  const live = {
    config: { auth: publicAccess },
    schema: { tags: ['health'], response: { 200: HealthReport } },
  };
  const liveHandler = async () => ({
    status: 'ok' as const,
    ...identity,
    uptimeSeconds: uptimeSeconds(),
    checks: {},
  });
  app.get('/health', live, liveHandler);
  app.get('/health/live', live, liveHandler);

  const circuitStates = () =>
    Object.fromEntries(
      Object.entries(options.circuits).map(([name, circuit]) => [name, circuit.circuitState]),
    );

  app.get(
    '/health/ready',
    {
      config: { auth: publicAccess },
      schema: { tags: ['health'], response: { 200: HealthReport, 503: HealthReport } },
    },
    async (_request, reply) => {
      if (options.state.shuttingDown) {
        return reply.status(503).send({
          status: 'shutting_down',
          ...identity,
          uptimeSeconds: uptimeSeconds(),
          checks: {},
          circuits: circuitStates(),
        });
      }
      const results = await Promise.all(
        options.checks.map((check) => runCheck(check, options.checkTimeoutMs)),
      );
      const checks = Object.fromEntries(options.checks.map((check, index) => [check.name, results[index]]));
      // Circuits are reported, never checked: a downstream's outage is the same for every instance
      // of this service, so taking them all out of rotation would turn the routes that need it
      // failing fast into the whole service failing. A dependency it cannot work without at all
      // is a readiness check of its own (admin-service checks question-service's readiness).
      const ready = results.every((result) => result.status !== 'down');
      const degraded = results.some((result) => result.status === 'degraded');
      return reply.status(ready ? 200 : 503).send({
        status: ready ? (degraded ? 'degraded' : 'ready') : 'not_ready',
        ...identity,
        uptimeSeconds: uptimeSeconds(),
        checks,
        circuits: circuitStates(),
      });
    },
  );
}
