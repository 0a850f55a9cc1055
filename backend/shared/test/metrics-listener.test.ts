import { request } from 'node:http';
import { pino } from 'pino';
import { Counter } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { readServerConfig } from '../src/config/index.js';
import {
  createMetricsRegistry,
  type MetricsListener,
  openMetricsListener,
  servingMetrics,
} from '../src/observability/index.js';
import { configProblems, readWhole } from './config-reading.js';

const silent = pino({ level: 'silent' });

function registryWithOneCounter() {
  const registry = createMetricsRegistry({ service: 'probe-service' });
  new Counter({ name: 'probe_events_total', help: 'Probe events', registers: [registry] }).inc(3);
  return registry;
}

/** A request on a fresh connection: fetch would keep one open and hold a close up. */
function send(port: number, method: string, path: string) {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', body }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the metrics listener', () => {
  const open: MetricsListener[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((listener) => listener.close()));
  });

  it('answers GET /metrics in the text format, with the registry’s default labels', async () => {
    const listener = await openMetricsListener(registryWithOneCounter(), { host: '127.0.0.1', port: 0 });
    open.push(listener);
    const scraped = await send(listener.port, 'GET', '/metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scraped.body).toContain('# TYPE probe_events_total counter');
    expect(scraped.body).toContain('probe_events_total{service="probe-service"} 3');
  });

  it('answers 404 to any other path or method', async () => {
    const listener = await openMetricsListener(registryWithOneCounter(), { host: '127.0.0.1', port: 0 });
    open.push(listener);
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/metrics/extra'],
      ['GET', '/api/v1/games'],
      ['POST', '/metrics'],
      ['DELETE', '/metrics'],
    ] as const) {
      expect((await send(listener.port, method, path)).status, `${method} ${path}`).toBe(404);
    }
    expect((await send(listener.port, 'GET', '/metrics?debug=1')).status).toBe(200);
  });

  it('stops answering once closed, and refuses a port already taken', async () => {
    const listener = await openMetricsListener(registryWithOneCounter(), { host: '127.0.0.1', port: 0 });
    await expect(
      openMetricsListener(registryWithOneCounter(), { host: '127.0.0.1', port: listener.port }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await listener.close();
    await expect(send(listener.port, 'GET', '/metrics')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('servingMetrics: a process serves its registry while it runs', () => {
  const serverConfig = (metricsPort: number | null) =>
    readWhole((env) => readServerConfig(env, 'game'), {
      NODE_ENV: 'test',
      GAME_SERVICE_PORT: '0',
      ...(metricsPort === null ? { GAME_SERVICE_METRICS_PORT: 'off' } : {}),
    });

  it('opens the listener after start, adds the runtime metrics, and closes it on release', async () => {
    const registry = registryWithOneCounter();
    let released = false;
    const start = servingMetrics(async () => ({
      metrics: registry,
      release: async () => {
        released = true;
      },
    }));
    const started = await start({ server: serverConfig(0) }, silent);
    const port = started.metricsPort;
    if (port === null) throw new Error('metrics are on');
    const scraped = await send(port, 'GET', '/metrics');
    expect(scraped.body).toContain('probe_events_total{service="probe-service"} 3');
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(scraped.body).toContain(`# TYPE ${name} `);
    }
    await started.release();
    expect(released).toBe(true);
    await expect(send(port, 'GET', '/metrics')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('opens nothing with metrics off', async () => {
    const registry = registryWithOneCounter();
    const started = await servingMetrics(async () => ({ metrics: registry, release: async () => undefined }))(
      { server: serverConfig(null) },
      silent,
    );
    expect(started.metricsPort).toBeNull();
    expect(await registry.getMetricsAsJSON()).toHaveLength(1);
    await started.release();
  });

  it('releases what started when the port is taken, and fails the start', async () => {
    const taken = await openMetricsListener(registryWithOneCounter(), { host: '127.0.0.1', port: 0 });
    let released = false;
    const start = servingMetrics(async () => ({
      metrics: registryWithOneCounter(),
      release: async () => {
        released = true;
      },
    }));
    const server = readWhole((env) => readServerConfig(env, 'game'), {
      NODE_ENV: 'test',
      GAME_SERVICE_PORT: '0',
      GAME_SERVICE_METRICS_PORT: String(taken.port),
    });
    try {
      await expect(start({ server }, silent)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(released).toBe(true);
    } finally {
      await taken.close();
    }
  });
});

describe('<PREFIX>_METRICS_PORT', () => {
  const read = (source: Record<string, string>) =>
    readWhole((env) => readServerConfig(env, 'gateway'), { NODE_ENV: 'test', ...source }).metricsPort;
  const problems = (source: Record<string, string>) =>
    configProblems(() =>
      readWhole((env) => readServerConfig(env, 'gateway'), { NODE_ENV: 'test', ...source }),
    );

  it('defaults to the service port plus 6000, and to any free port when the service takes any', () => {
    expect(read({})).toBe(9000);
    expect(read({ GATEWAY_SERVICE_PORT: '4000' })).toBe(10_000);
    expect(read({ GATEWAY_SERVICE_PORT: '0' })).toBe(0);
    // 60000 + 6000 is no port: any free one, which the start-up log names.
    expect(read({ GATEWAY_SERVICE_PORT: '60000' })).toBe(0);
    expect(readWhole((env) => readServerConfig(env, 'admin'), { NODE_ENV: 'test' }).metricsPort).toBe(9006);
  });

  it('takes a port, 0, or off', () => {
    expect(read({ GATEWAY_SERVICE_METRICS_PORT: '9400' })).toBe(9400);
    expect(read({ GATEWAY_SERVICE_METRICS_PORT: '0' })).toBe(0);
    expect(read({ GATEWAY_SERVICE_METRICS_PORT: 'off' })).toBeNull();
    expect(read({ GATEWAY_SERVICE_METRICS_PORT: 'OFF' })).toBeNull();
  });

  it('names the variable when the value is wrong', () => {
    expect(problems({ GATEWAY_SERVICE_METRICS_PORT: 'nine' })).toEqual([
      'GATEWAY_SERVICE_METRICS_PORT: expected an integer, got "nine"',
    ]);
    expect(problems({ GATEWAY_SERVICE_METRICS_PORT: '70000' })).toEqual([
      'GATEWAY_SERVICE_METRICS_PORT: expected an integer from 0 to 65535, got 70000',
    ]);
    expect(problems({ GATEWAY_SERVICE_PORT: '8080', GATEWAY_SERVICE_METRICS_PORT: '8080' })).toEqual([
      "GATEWAY_SERVICE_METRICS_PORT: must differ from GATEWAY_SERVICE_PORT (8080): metrics stay off the service's port",
    ]);
  });
});
