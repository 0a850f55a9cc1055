import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EnvSource, ServiceName } from '@know-foolery/shared/config';
import { sleep } from '@know-foolery/shared/utils';

const SERVICES = fileURLToPath(new URL('../../services/', import.meta.url));

/** Loaded before the service, as the launcher and the image do: it starts tracing when OTEL_* ask for it. */
const TRACING_INSTRUMENT = new URL('../../shared/dist/observability/tracing/instrument.js', import.meta.url);

/** Generous: a process that loads the tracing SDK takes seconds longer to start on a busy machine. */
const START_TIMEOUT_MS = 45_000;

/** Output kept from a child, to say why it did not start. */
const KEPT_OUTPUT_CHARS = 4_000;

/**
 * One service as a real process, `node dist/main.js` as the launcher runs it, on a port fixed for
 * its whole life: a restart is a new process (nothing survives in memory) at the same address.
 */
export class ChildService {
  readonly url: string;
  readonly #name: ServiceName;
  readonly #entryPoint: string;
  readonly #env: EnvSource;
  #child: ChildProcess | null = null;
  #output = '';

  constructor(name: ServiceName, env: EnvSource, port: number) {
    this.#name = name;
    this.#entryPoint = `${SERVICES}${name}-service/dist/main.js`;
    this.#env = env;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts the process and resolves once it answers its liveness probe. */
  async start(): Promise<void> {
    for (const file of [this.#entryPoint, fileURLToPath(TRACING_INSTRUMENT)]) {
      if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
    }
    this.#output = '';
    const child = spawn(process.execPath, ['--import', TRACING_INSTRUMENT.href, this.#entryPoint], {
      env: Object.fromEntries(Object.entries(this.#env).filter(([, value]) => value !== undefined)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.#output = `${this.#output}${chunk.toString()}`.slice(-KEPT_OUTPUT_CHARS);
      });
    }
    const deadline = performance.now() + START_TIMEOUT_MS;
    while (!(await this.#live())) {
      if (child.exitCode !== null || performance.now() > deadline) {
        await this.stop();
        throw new Error(`${this.#name}-service did not start at ${this.url}: ${this.#output}`);
      }
      await sleep(50);
    }
  }

  #live(): Promise<boolean> {
    return fetch(`${this.url}/health/live`).then(
      (response) => response.ok,
      () => false,
    );
  }

  /** SIGTERM, as the launcher stops a service: it drains and exits on its own. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
