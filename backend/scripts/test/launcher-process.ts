import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVICE_NAMES, serviceEnvPrefix } from '@know-foolery/shared/config';
import { freePort } from '@know-foolery/shared/testing';
import { expect } from 'vitest';

/** `npm start` once built: what these tests run, as a person runs it. */
const LAUNCHER = fileURLToPath(new URL('../dist/start.js', import.meta.url));

/** Ports below the ephemeral range, never handed out twice: another test's connections cannot take them. */
const freePorts = (count: number): Promise<number[]> =>
  Promise.all(Array.from({ length: count }, () => freePort()));

/** The platform on free ports, signing in with development tokens (the mock) unless `identity`. */
export async function platformEnv(
  identity: 'mock' | 'dev-identity' = 'mock',
): Promise<Record<string, string>> {
  const ports = await freePorts(SERVICE_NAMES.length + 1);
  // No first seed: the data set may sit beside the temporary directory, and these tests bring their own questions.
  const env: Record<string, string> = {
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    NODE_ENV: 'development',
    SEED_ON_START: 'false',
  };
  SERVICE_NAMES.forEach((service, index) => {
    env[`${serviceEnvPrefix(service)}_PORT`] = String(ports[index]);
    env[`${serviceEnvPrefix(service)}_URL`] = `http://127.0.0.1:${ports[index]}`;
    // Any free port: the default (the service's port + 6000) could be another test's by chance.
    env[`${serviceEnvPrefix(service)}_METRICS_PORT`] = '0';
  });
  if (identity === 'mock') env.AUTH_PROVIDER = 'mock';
  else env.DEV_IDENTITY_PORT = String(ports[SERVICE_NAMES.length]);
  return env;
}

/** The launcher as a child process in `cwd` (its `.data/`), its output kept as it comes. */
export function launch(cwd: string, env: Record<string, string>, args: readonly string[] = []) {
  expect(existsSync(LAUNCHER), 'the launcher is not built: run npm run build').toBe(true);
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [LAUNCHER, ...args], {
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

/** Polls `condition` every 100 ms: whether it held within `timeoutMs`. */
export async function until(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
