import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@know-foolery/shared/testing';

const FRONTEND_DIR = fileURLToPath(new URL('..', import.meta.url));
const VITE_CLI = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');

export interface DevServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** `npm run dev:web` as a developer runs it: Vite with hot reload, its `/api` proxied to `gatewayUrl`. */
export async function startDevServer(gatewayUrl: string, port: number): Promise<DevServer> {
  const vite: ChildProcess = spawn(
    process.execPath,
    [VITE_CLI, '--port', String(port), '--strictPort', '--logLevel', 'warn'],
    { cwd: FRONTEND_DIR, env: { ...process.env, GATEWAY_URL: gatewayUrl }, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => vite.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (vite.exitCode === null && vite.signalCode === null) vite.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor('the Vite dev server', async () => (await fetch(url)).ok, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
