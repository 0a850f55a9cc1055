import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  IsolatedCircuitError,
} from 'cockatiel';
import { Cluster } from 'ioredis';
import type { RedisConfig, RedisMode } from '../config/index.js';
import type { MetricsRegistry } from '../observability/index.js';
import { openConnection, type RedisConnection } from './connection.js';
import { isServerFailure, RedisUnavailableError } from './errors.js';
import { type BreakerStateName, type ConnectionRole, RedisMetrics } from './redis-metrics.js';

/** What the client logs: connection trouble, never a credential. */
export interface RedisLogger {
  warn(details: Readonly<Record<string, unknown>>, message: string): void;
}

export interface RedisClientOptions {
  readonly config: RedisConfig;
  /** The process's `REDIS_URL`, required to open a client. */
  readonly url: string;
  readonly metrics: MetricsRegistry;
  readonly logger?: RedisLogger;
}

export interface RedisHealth {
  readonly mode: RedisMode;
  /** `master` or `slave` for single and sentinel (the server's own words); `cluster` in a cluster. */
  readonly role: string;
  readonly latencyMs: number;
}

const BREAKER_STATE_NAMES: Readonly<Record<CircuitState, BreakerStateName>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * The process's way to Redis. Connections, decided here once: one shared command connection per
 * process (ioredis pipelines every caller's commands over it, so it carries a service's whole
 * load), one more opened on first use for subscriptions (a subscribed connection can run nothing
 * else), and none per request. A cluster client holds one connection per node it talks to.
 *
 * Every command goes through a circuit breaker: after consecutive server or connection failures
 * it opens and commands fail at once with `RedisUnavailableError` instead of each waiting for its
 * timeout; a trial command goes through after `breakerHalfOpenAfterMs`.
 */
export class RedisClient {
  readonly mode: RedisMode;
  readonly #config: RedisConfig;
  readonly #connection: RedisConnection;
  readonly #metrics: RedisMetrics;
  readonly #logger: RedisLogger | undefined;
  readonly #breaker: ReturnType<typeof circuitBreaker>;
  #subscriber: RedisConnection | undefined;

  constructor(options: RedisClientOptions) {
    this.mode = options.config.mode;
    this.#config = options.config;
    this.#metrics = new RedisMetrics(options.metrics);
    this.#logger = options.logger;
    this.#connection = openConnection(options.config, options.url);
    this.#observe(this.#connection, 'command');
    this.#breaker = circuitBreaker(handleWhen(isServerFailure), {
      halfOpenAfter: options.config.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.config.breakerFailureThreshold),
    });
    this.#breaker.onStateChange((state) => this.#metrics.recordBreakerState(BREAKER_STATE_NAMES[state]));
  }

  get breakerState(): BreakerStateName {
    return BREAKER_STATE_NAMES[this.#breaker.state];
  }

  /** Connects the command connection; commands issued before it is ready wait in ioredis's queue. */
  async connect(): Promise<void> {
    await this.#connection.connect();
  }

  /**
   * Runs `call` on the command connection through the breaker, recording it under `command` (a
   * fixed name, never a key: it is a metric label). Server and connection failures become
   * `RedisUnavailableError`; error replies (WRONGTYPE and the like) are the caller's and pass as
   * they are.
   */
  async run<T>(command: string, call: (connection: RedisConnection) => Promise<T>): Promise<T> {
    const metrics = this.#metrics.forCommand(command);
    metrics.issued.inc();
    const started = performance.now();
    try {
      const result = await this.#breaker.execute(() => call(this.#connection));
      metrics.latency.observe((performance.now() - started) / 1000);
      return result;
    } catch (error) {
      const unavailable =
        error instanceof BrokenCircuitError ||
        error instanceof IsolatedCircuitError ||
        isServerFailure(error);
      this.#metrics.failures.inc({ command, reason: unavailable ? 'unavailable' : 'rejected' });
      if (unavailable) throw new RedisUnavailableError(this.#config.breakerHalfOpenAfterMs, error);
      throw error;
    }
  }

  /** The connection for SUBSCRIBE and friends, opened on first use and shared by the process. */
  async subscriber(): Promise<RedisConnection> {
    if (this.#subscriber === undefined) {
      this.#subscriber = this.#connection.duplicate();
      this.#observe(this.#subscriber, 'subscriber');
      if (this.#subscriber.status === 'wait') await this.#subscriber.connect();
    }
    return this.#subscriber;
  }

  /** PING outside the breaker (readiness wants the server's truth, not the breaker's memory), with the role. */
  async health(): Promise<RedisHealth> {
    const started = performance.now();
    await this.#connection.ping();
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    if (this.#connection instanceof Cluster) return { mode: this.mode, role: 'cluster', latencyMs };
    const role: unknown = await this.#connection.role();
    const name = Array.isArray(role) && typeof role[0] === 'string' ? role[0] : 'unknown';
    return { mode: this.mode, role: name, latencyMs };
  }

  async close(): Promise<void> {
    const connections = [this.#connection, this.#subscriber].filter((connection) => connection !== undefined);
    await Promise.all(
      connections.map(async (connection) => {
        try {
          await connection.quit();
        } catch {
          connection.disconnect();
        }
      }),
    );
  }

  #observe(connection: RedisConnection, role: ConnectionRole): void {
    const labels = { connection: role };
    this.#metrics.connected.set(labels, 0);
    let reported = false;
    connection.on('ready', () => {
      reported = false;
      this.#metrics.connected.set(labels, 1);
    });
    connection.on('close', () => this.#metrics.connected.set(labels, 0));
    connection.on('reconnecting', () => this.#metrics.reconnects.inc(labels));
    // One line per outage, not one per reconnect attempt; the message never holds the password.
    connection.on('error', (error: Error) => {
      if (reported) return;
      reported = true;
      this.#logger?.warn(
        { connection: role, mode: this.mode, error: error.message },
        'Redis connection failed',
      );
    });
  }
}
