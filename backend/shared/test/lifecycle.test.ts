import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/slow-service.mjs', import.meta.url));
const BUILT_SHARED = fileURLToPath(new URL('../dist/lifecycle/index.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startFixture(env: Record<string, string> = {}, ipc = false): Promise<Running> {
  expect(existsSync(BUILT_SHARED), 'the shared package is not built: run npm run build').toBe(true);
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [FIXTURE], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', SESSION_SERVICE_PORT: String(port), ...env },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  return { child, url, output: () => output, exit };
}

async function waitUntilListening(running: Running): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      if ((await fetch(`${running.url}/health/live`)).ok) return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`the fixture never listened:\n${running.output()}`);
}

describe('graceful shutdown of a service process', () => {
  it('finishes an in-flight request after SIGTERM, refuses new connections, and exits 0', async () => {
    const running = await startFixture({ SHUTDOWN_DRAIN_DELAY_MS: '300' });
    await waitUntilListening(running);
    const slow = fetch(`${running.url}/slow?ms=1500`).then(async (response) => ({
      status: response.status,
      body: await response.json(),
    }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    running.child.kill('SIGTERM');

    await new Promise((resolve) => setTimeout(resolve, 100));
    const ready = await fetch(`${running.url}/health/ready`, { headers: { connection: 'close' } });
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'shutting_down' });

    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(fetch(`${running.url}/health/live`, { headers: { connection: 'close' } })).rejects.toThrow();

    expect(await slow).toEqual({ status: 200, body: { finished: true } });
    expect(await running.exit).toEqual({ code: 0, signal: null });
    expect(running.output()).toContain('released');
    expect(running.output()).toContain('stopped cleanly');
  });

  it('exits at once with 130 on a second signal', async () => {
    const running = await startFixture({ SHUTDOWN_TIMEOUT_MS: '20000' });
    await waitUntilListening(running);
    const slow = fetch(`${running.url}/slow?ms=10000`).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 200));
    running.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    running.child.kill('SIGINT');
    expect((await running.exit).code).toBe(130);
    expect(await slow).toBe('aborted');
  });

  it('exits with 1 when in-flight requests outlast the shutdown timeout', async () => {
    const running = await startFixture({ SHUTDOWN_TIMEOUT_MS: '300' });
    await waitUntilListening(running);
    const slow = fetch(`${running.url}/slow?ms=5000`).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 200));
    running.child.kill('SIGTERM');
    expect((await running.exit).code).toBe(1);
    expect(running.output()).toContain('did not finish within 300 ms');
    await slow;
  });

  it('stops with 78 and names the variable when the configuration is bad', async () => {
    const running = await startFixture({ SESSION_SERVICE_PORT: 'eighty', LOG_LEVEL: 'chatty' });
    expect((await running.exit).code).toBe(78);
    expect(running.output()).toContain('SESSION_SERVICE_PORT: expected an integer, got "eighty"');
    expect(running.output()).toContain('LOG_LEVEL: expected one of');
  });

  it('stops cleanly when the launcher that started it disappears', async () => {
    const running = await startFixture({}, true);
    await waitUntilListening(running);
    running.child.disconnect();
    expect(await running.exit).toEqual({ code: 0, signal: null });
  });
});
