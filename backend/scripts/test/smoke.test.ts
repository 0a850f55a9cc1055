import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NAMES, serviceEnvPrefix } from '@know-foolery/shared/config';
import { afterAll, describe, expect, it } from 'vitest';

const LAUNCHER = fileURLToPath(new URL('../dist/start.js', import.meta.url));

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    }),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function platformEnv(): Promise<Record<string, string>> {
  const ports = await freePorts(SERVICE_NAMES.length);
  const env: Record<string, string> = { LOG_LEVEL: 'warn', LOG_FORMAT: 'json', NODE_ENV: 'development' };
  SERVICE_NAMES.forEach((service, index) => {
    env[`${serviceEnvPrefix(service)}_PORT`] = String(ports[index]);
    env[`${serviceEnvPrefix(service)}_URL`] = `http://127.0.0.1:${ports[index]}`;
  });
  return env;
}

function launch(cwd: string, env: Record<string, string>) {
  expect(existsSync(LAUNCHER), 'the launcher is not built: run npm run build').toBe(true);
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [LAUNCHER], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, output: () => output };
}

function childPids(output: string): number[] {
  return [...output.matchAll(/started \w+ \(pid (\d+)\)/g)].map((match) => Number(match[1]));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start (the launcher), end to end', () => {
  const workDirectory = mkdtempSync(join(tmpdir(), 'kf-smoke-'));
  afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

  it('brings all seven services to ready, then stops them all on Ctrl-C with exit code 0 and no orphan', async () => {
    const env = await platformEnv();
    const started = performance.now();
    const platform = launch(workDirectory, env);
    const gateway = env.GATEWAY_SERVICE_URL;
    let ready = false;
    while (!ready && performance.now() - started < 30_000) {
      ready = await fetch(`${gateway}/health/ready`)
        .then((response) => response.ok)
        .catch(() => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ready, platform.output()).toBe(true);
    const readiness = (await (await fetch(`${gateway}/health/ready`)).json()) as {
      checks: Record<string, unknown>;
    };
    expect(Object.keys(readiness.checks)).toHaveLength(6);
    const pids = childPids(platform.output());
    expect(pids).toHaveLength(7);

    platform.child.kill('SIGINT');
    expect(await platform.exit).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
  }, 60_000);

  it('exits non-zero, naming the service and the variable, when one service cannot start', async () => {
    const env = { ...(await platformEnv()), GAME_SERVICE_PORT: 'not-a-port' };
    const platform = launch(workDirectory, env);
    expect(await platform.exit).toBe(1);
    expect(platform.output()).toContain('GAME_SERVICE_PORT: expected an integer, got "not-a-port"');
    expect(platform.output()).toMatch(/game exited unexpectedly with exit code 78/);
    expect(childPids(platform.output()).filter(isAlive)).toEqual([]);
  }, 60_000);
});
