import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, OtlpReceiver, SPAN_KIND_SERVER, waitFor } from '../src/testing/index.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/slow-service.mjs', import.meta.url));
const INSTRUMENT = new URL('../dist/observability/tracing/instrument.js', import.meta.url);

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exit: Promise<number | null>;
}

/** The lifecycle fixture as a service process is started: `node --import instrument.js <entry point>`. */
function startTraced(env: Record<string, string>): Started {
  expect(existsSync(INSTRUMENT), 'the shared package is not built: run npm run build').toBe(true);
  let output = '';
  const child = spawn(process.execPath, ['--import', INSTRUMENT.href, FIXTURE], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

describe('a service process started with the tracing instrument', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
  });

  afterAll(() => receiver?.stop());

  it('stops with 78 before starting, naming a bad OTEL_* variable', async () => {
    const started = startTraced({ OTEL_TRACES_EXPORTER: 'jaeger', OTEL_EXPORTER_OTLP_PROTOCOL: 'http' });
    expect(await started.exit).toBe(78);
    expect(started.output()).toContain('OTEL_TRACES_EXPORTER: expected some of otlp, console, zipkin, none');
    expect(started.output()).toContain('OTEL_EXPORTER_OTLP_PROTOCOL: expected one of');
    expect(started.output()).not.toContain('Server listening');
  });

  it("exports the last requests' spans on SIGTERM, before the process exits", async () => {
    const port = await freePort();
    const started = startTraced({
      SESSION_SERVICE_PORT: String(port),
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'slow-service',
      // Longer than the test: only the shutdown can export them.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    // A deadline, not a timed assertion: the SDK takes seconds to load on a busy machine.
    await waitFor(
      'the fixture to listen',
      async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).ok,
      60_000,
    );
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const answer = await fetch(`http://127.0.0.1:${port}/slow?ms=10`, { headers: { traceparent } });
    expect(answer.status).toBe(200);
    expect(receiver.spans).toEqual([]);

    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
    const server = receiver.spans.find((span) => span.kind === SPAN_KIND_SERVER);
    expect(server).toMatchObject({
      service: 'slow-service',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
      name: 'GET /slow',
    });
    expect(started.output()).toContain('"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"');
  });
});
