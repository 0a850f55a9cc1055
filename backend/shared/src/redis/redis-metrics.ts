import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type ConnectionRole = 'command' | 'subscriber';
export type BreakerStateName = 'closed' | 'half-open' | 'open' | 'isolated';

const BREAKER_STATE_VALUES: Readonly<Record<BreakerStateName, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
  isolated: 3,
};

/** One command's series, looked up once: every command records them, so they skip the label lookup. */
export interface CommandMetrics {
  readonly issued: Counter.Internal;
  readonly latency: Histogram.Internal<'command'>;
}

/** The Redis client's metrics, in the registry of the process that owns the client. */
export class RedisMetrics {
  readonly commands: Counter<'command'>;
  readonly failures: Counter<'command' | 'reason'>;
  readonly latency: Histogram<'command'>;
  readonly reconnects: Counter<'connection'>;
  readonly connected: Gauge<'connection'>;
  readonly breakerState: Gauge;
  readonly #byCommand = new Map<string, CommandMetrics>();

  constructor(registry: Registry) {
    const registers = [registry];
    this.commands = new Counter({
      name: 'redis_client_commands_total',
      help: 'Redis commands issued, by command',
      labelNames: ['command'],
      registers,
    });
    this.failures = new Counter({
      name: 'redis_client_command_failures_total',
      help: 'Redis commands that failed: unavailable (server, connection or open breaker) or rejected (an error reply)',
      labelNames: ['command', 'reason'],
      registers,
    });
    this.latency = new Histogram({
      name: 'redis_client_command_duration_seconds',
      help: 'Time from issuing a Redis command to its answer',
      labelNames: ['command'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.reconnects = new Counter({
      name: 'redis_client_reconnects_total',
      help: 'Reconnect attempts, by connection',
      labelNames: ['connection'],
      registers,
    });
    this.connected = new Gauge({
      name: 'redis_client_connected',
      help: '1 while the connection is ready for commands, else 0',
      labelNames: ['connection'],
      registers,
    });
    this.breakerState = new Gauge({
      name: 'redis_client_breaker_state',
      help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open, 3 isolated',
      registers,
    });
    this.breakerState.set(BREAKER_STATE_VALUES.closed);
  }

  forCommand(command: string): CommandMetrics {
    let metrics = this.#byCommand.get(command);
    if (metrics === undefined) {
      metrics = { issued: this.commands.labels(command), latency: this.latency.labels(command) };
      this.#byCommand.set(command, metrics);
    }
    return metrics;
  }

  recordBreakerState(state: BreakerStateName): void {
    this.breakerState.set(BREAKER_STATE_VALUES[state]);
  }
}
