import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs the built provider; `ipc` opens the channel a parent such as the launcher holds to it. */
function start(
  env: Record<string, string>,
  { ipc = false } = {},
): {
  child: ChildProcess;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  expect(existsSync(MAIN), 'the provider is not built: run npm run build').toBe(true);
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, stderr: () => stderr };
}

function firstLine(child: ChildProcess): Promise<string> {
  if (child.stdout === null) throw new Error('no stdout');
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve) => lines.once('line', resolve));
}

describe('the development identity provider process', () => {
  it('refuses to start with NODE_ENV=production (exit 78, naming the variable)', async () => {
    const running = start({ NODE_ENV: 'production' });

    expect(await running.exit).toBe(78);
    expect(running.stderr()).toMatch(/NODE_ENV: the development identity provider never runs in production/);
  });

  it('logs its issuer in one line, serves, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const running = start({ NODE_ENV: 'development', DEV_IDENTITY_PORT: String(port) });

    const line: unknown = JSON.parse(await firstLine(running.child));
    expect(line).toMatchObject({
      level: 'info',
      service: 'dev-identity',
      issuer: `http://localhost:${port}`,
    });
    const health = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(health.status).toBe(200);
    await health.body?.cancel();

    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
  });

  it('stops cleanly when the channel to its parent closes, as when the launcher dies', async () => {
    const port = await freePort();
    const running = start({ NODE_ENV: 'development', DEV_IDENTITY_PORT: String(port) }, { ipc: true });
    await firstLine(running.child);

    running.child.disconnect();

    expect(await running.exit).toBe(0);
    const refused = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
  });
});
