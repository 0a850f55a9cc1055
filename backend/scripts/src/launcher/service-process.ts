import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServiceName } from '@know-foolery/shared/config';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The development identity provider (backend/dev-identity), run beside the services in development. */
export const DEV_IDENTITY = 'dev-identity';

/** What the launcher runs: the seven services and, in development, the identity provider. */
export type ProcessName = ServiceName | typeof DEV_IDENTITY;

/** Loaded before each service: it starts OpenTelemetry tracing when the OTEL_* variables ask for it. */
export const TRACING_INSTRUMENT = `${REPOSITORY_ROOT}backend/shared/dist/observability/tracing/instrument.js`;

/**
 * The Node.js arguments that run a built service, traced when configured (see docs/OBSERVABILITY.md),
 * or the development identity provider, which is never traced.
 */
export function serviceCommand(name: ProcessName): readonly string[] {
  if (name === DEV_IDENTITY) return [builtFile(`${REPOSITORY_ROOT}backend/dev-identity/dist/main.js`)];
  return [
    '--import',
    pathToFileURL(builtFile(TRACING_INSTRUMENT)).href,
    builtFile(`${REPOSITORY_ROOT}backend/services/${name}-service/dist/main.js`),
  ];
}

function builtFile(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build`);
  return path;
}

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export function describeExit(status: ExitStatus): string {
  return status.signal === null ? `exit code ${status.code}` : `signal ${status.signal}`;
}

/** One service as a child process: its output comes back line by line, and it can be stopped. */
export class ServiceProcess {
  readonly service: ProcessName;
  readonly exited: Promise<ExitStatus>;
  readonly #child: ChildProcess;

  /** Runs `node <args>` for the service (`serviceCommand` gives the usual ones) in the environment given. */
  constructor(
    service: ProcessName,
    args: readonly string[],
    onLine: (line: string) => void,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.service = service;
    // Detached: a terminal's Ctrl-C reaches only the launcher, which stops each service exactly once.
    // The IPC channel makes a service (and the identity provider) stop itself if the launcher dies
    // without saying so.
    this.#child = spawn(process.execPath, args, {
      cwd: process.cwd(),
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    this.exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    for (const stream of [this.#child.stdout, this.#child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', onLine);
    }
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.#child.kill(signal);
  }

  /** Resident memory in MiB, from /proc (Linux); null where that is not available. */
  residentMemoryMiB(): number | null {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kib = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
      return Number.isFinite(kib) ? Math.round(kib / 102.4) / 10 : null;
    } catch {
      return null;
    }
  }
}
