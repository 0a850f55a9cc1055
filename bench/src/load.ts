import autocannon from 'autocannon';
import { type CpuSource, withCpuPerRequest } from './cpu.js';

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly requests?: autocannon.Request[];
  readonly headers?: Record<string, string>;
  /** The processes serving the load, whose CPU time per request is then reported. */
  readonly cpu?: CpuSource;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly total: number;
  /** User + system CPU of the serving processes during the measurement, over its requests. */
  readonly cpuMicrosPerRequest?: number;
}

export function measureLoad(options: LoadOptions): Promise<LoadResult> {
  const { cpu } = options;
  return cpu === undefined ? runAutocannon(options) : withCpuPerRequest(cpu, () => runAutocannon(options));
}

async function runAutocannon(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.requests === undefined ? {} : { requests: options.requests }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    p999: result.latency.p99_9,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}
