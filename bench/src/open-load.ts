import { Pool } from 'undici';
import type { CpuSource } from './cpu.js';
import type { LoadResult } from './load.js';

/** One request a client makes: what to send. */
export interface PlannedRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A client of the open model: it has at most one request in flight and says what it sends next. */
export interface OpenModelClient {
  next(): PlannedRequest;
}

export interface OpenLoadOptions {
  readonly origin: string;
  /** Arrivals per second, evenly spaced. */
  readonly rate: number;
  readonly durationSeconds: number;
  /**
   * Run at the same rate for this long first and keep none of it: the first requests of fresh
   * players all draw a question at once and meet cold caches, which is start-up, not steady state.
   */
  readonly warmUpSeconds: number;
  readonly clients: readonly OpenModelClient[];
  /** The processes serving the load: their CPU time per request over the measured window is reported. */
  readonly cpu?: CpuSource;
}

const DRAIN_LIMIT_MS = 10_000;

/**
 * An open-model load generator: request k is due at start + k / rate, whether or not earlier ones
 * have been answered, and its latency counts from when it was due. A server that falls behind
 * therefore shows its queue in the percentiles (no coordinated omission). autocannon's `-R` is not
 * that: it sends each connection's quota for the second back to back and then pauses, so arrivals
 * come in bursts at the top of every second.
 *
 * A client runs one request at a time (a player answers the question they fetched); an arrival
 * that finds every client busy waits for the first one free, and that wait is part of its latency.
 */
export async function measureOpenLoad(options: OpenLoadOptions): Promise<LoadResult> {
  if (options.clients.length === 0) throw new Error('the open model needs at least one client');
  const pool = new Pool(options.origin, { connections: options.clients.length, pipelining: 1 });
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const idle = [...options.clients];
  const waiting: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  const startedAt = performance.now();
  const measuredFrom = startedAt + options.warmUpSeconds * 1000;
  const endsAt = measuredFrom + options.durationSeconds * 1000;

  const send = (client: OpenModelClient, dueAt: number): void => {
    const planned = client.next();
    const done = pool
      .request({
        method: planned.method,
        path: planned.path,
        headers: planned.headers,
        ...(planned.body === undefined ? {} : { body: planned.body }),
      })
      .then(async (response) => {
        await response.body.dump();
        if (dueAt < measuredFrom) return;
        if (response.statusCode < 200 || response.statusCode >= 300) non2xx += 1;
        latencies.push(performance.now() - dueAt);
      })
      .catch(() => {
        if (dueAt >= measuredFrom) errors += 1;
      })
      .finally(() => {
        inFlight.delete(done);
        if (!accepting) return;
        const nextDue = waiting.shift();
        if (nextDue === undefined) idle.push(client);
        else send(client, nextDue);
      });
    inFlight.add(done);
  };

  let arrivals = 0;
  let cpuAtStart: number | undefined;
  while (performance.now() < endsAt) {
    const now = performance.now();
    if (cpuAtStart === undefined && now >= measuredFrom) cpuAtStart = options.cpu?.cpuMs();
    for (
      let dueAt = startedAt + arrivals * intervalMs;
      dueAt <= now;
      dueAt = startedAt + arrivals * intervalMs
    ) {
      arrivals += 1;
      const client = idle.shift();
      if (client === undefined) waiting.push(dueAt);
      else send(client, dueAt);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(intervalMs, 5))));
  }
  const drainDeadline = performance.now() + DRAIN_LIMIT_MS;
  while (inFlight.size > 0 && performance.now() < drainDeadline) await Promise.race(inFlight);
  accepting = false;
  // Whatever is still queued or unanswered after the drain limit counts as failed, not as fast.
  errors += waiting.length + inFlight.size;
  const cpuUsed = cpuAtStart === undefined ? undefined : (options.cpu?.cpuMs() ?? 0) - cpuAtStart;
  await pool.destroy();
  const summary = summarize(latencies, errors, non2xx, options.durationSeconds);
  return cpuUsed === undefined || summary.total === 0
    ? summary
    : { ...summary, cpuMicrosPerRequest: (cpuUsed * 1000) / summary.total };
}

function summarize(latencies: number[], errors: number, non2xx: number, durationSeconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (quantile: number) =>
    sorted.length === 0
      ? 0
      : (sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] ?? 0);
  return {
    requestsPerSecond: latencies.length / durationSeconds,
    p50: at(0.5),
    p99: at(0.99),
    p999: at(0.999),
    errors,
    non2xx,
    total: latencies.length,
  };
}
