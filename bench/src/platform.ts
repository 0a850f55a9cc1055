import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NAMES, type ServiceName, serviceEnvPrefix } from '@know-foolery/shared/config';
import { sleep } from '@know-foolery/shared/utils';
import { type CpuSource, processTreeCpu } from './cpu.js';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LAUNCHER_PATH = 'backend/scripts/dist/start.js';

/** The launcher and every service it started, whose CPU time is summed for CPU per request. */
export interface RunningPlatform extends CpuSource {
  readonly gatewayUrl: string;
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly workDirectory: string;
  /** From spawning the launcher to the gateway reporting every service ready. */
  readonly readyAfterMs: number;
  residentMemoryMiB(): Record<string, number>;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  readonly portBase: number;
  /** Every service on this database (PostgreSQL); unset: each on its own SQLite file in the work directory. */
  readonly databaseUrl?: string;
  /** A prepared work directory (e.g. holding seeded SQLite files); a fresh one otherwise. */
  readonly workDirectory?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Another built checkout whose platform to start (e.g. an earlier commit, for a before/after figure). */
  readonly repositoryRoot?: string;
}

export function platformEnv(options: PlatformOptions): Record<string, string> {
  // Development tokens (POST /api/v1/dev/token): players need no browser sign-in, and the launcher
  // starts no identity provider whose CPU would count as the platform's.
  const env: Record<string, string> = { LOG_LEVEL: 'warn', LOG_FORMAT: 'json', AUTH_PROVIDER: 'mock' };
  SERVICE_NAMES.forEach((service, index) => {
    const port = options.portBase + index;
    env[`${serviceEnvPrefix(service)}_PORT`] = String(port);
    env[`${serviceEnvPrefix(service)}_URL`] = `http://127.0.0.1:${port}`;
  });
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
  return { ...env, ...options.env };
}

/** Starts the platform exactly as `npm start` does (the same launcher), for measuring it from outside. */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const workDirectory = options.workDirectory ?? mkdtempSync(join(tmpdir(), 'kf-bench-'));
  const env = platformEnv(options);
  const urls = Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, env[`${serviceEnvPrefix(service)}_URL`] ?? '']),
  ) as Record<ServiceName, string>;
  const started = performance.now();
  const launcherPath = join(options.repositoryRoot ?? REPOSITORY_ROOT, LAUNCHER_PATH);
  const launcher = spawn(process.execPath, [launcherPath], {
    cwd: workDirectory,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitUntilReady(`${urls.gateway}/health/ready`, launcher);
  const readyAfterMs = performance.now() - started;
  const cpu = processTreeCpu(launcher.pid ?? -1);
  return {
    cpuMs: () => cpu.cpuMs(),
    gatewayUrl: urls.gateway,
    urls,
    workDirectory,
    readyAfterMs,
    residentMemoryMiB: () => residentMemoryOfChildren(launcher.pid ?? -1),
    stop: async () => {
      await stopProcess(launcher);
      if (options.workDirectory === undefined) rmSync(workDirectory, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(url: string, launcher: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (launcher.exitCode !== null) throw new Error(`the launcher exited with code ${launcher.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`the platform was not ready within 60 s (${url})`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** VmRSS of each service process the launcher started, keyed by service, from /proc. */
function residentMemoryOfChildren(launcherPid: number): Record<string, number> {
  const memory: Record<string, number> = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== launcherPid) continue;
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const service = /services\/([a-z]+)-service\//.exec(commandLine)?.[1];
      const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
      if (service !== undefined) memory[service] = rssKiB / 1024;
    } catch {
      // the process ended while we looked
    }
  }
  return memory;
}
