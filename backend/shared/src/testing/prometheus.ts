import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port.js';
import { waitFor } from './redis-processes.js';

/**
 * Where `.ci/run` unpacks Debian's `prometheus` and `prometheus-alertmanager` packages (`dpkg -x`,
 * nothing installed or started): the tools are looked up on PATH first, then here.
 */
export const PROMETHEUS_DEBS_BIN = '/opt/prometheus-debs/usr/bin';

export interface PrometheusTools {
  readonly prometheus: string;
  readonly promtool: string;
  readonly amtool: string;
}

function executableOnSearchPath(name: string): string | undefined {
  const directories = [...(process.env.PATH ?? '').split(delimiter), PROMETHEUS_DEBS_BIN];
  for (const directory of directories.filter((entry) => entry !== '')) {
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/**
 * `prometheus`, `promtool` and `amtool`, or null (said loudly: the observability tests skip) when
 * one is missing; under `CI=true` a missing tool fails the run instead.
 */
export function findPrometheusTools(): PrometheusTools | null {
  const prometheus = executableOnSearchPath('prometheus');
  const promtool = executableOnSearchPath('promtool');
  const amtool = executableOnSearchPath('amtool');
  if (prometheus !== undefined && promtool !== undefined && amtool !== undefined)
    return { prometheus, promtool, amtool };
  const message = `prometheus, promtool and amtool are not all on PATH or in ${PROMETHEUS_DEBS_BIN} (.ci/run unpacks them there).`;
  if (process.env.CI === 'true')
    throw new Error(`${message} CI=true requires the observability tests to run.`);
  process.stderr.write(`\n*** ${message} Observability tests are SKIPPED in this file. ***\n\n`);
  return null;
}

export interface ToolRun {
  /** 0 when the tool succeeded. */
  readonly exitCode: number;
  /** stdout and stderr together, for a failing assertion to show. */
  readonly output: string;
}

/** Runs one of the tools to its end; a non-zero exit is an answer, not an exception. */
export function runPrometheusTool(tool: string, arguments_: readonly string[]): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(tool, arguments_, { timeout: 30_000 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error === null) resolve({ exitCode: 0, output });
      else if (typeof error.code === 'number') resolve({ exitCode: error.code, output });
      else reject(error);
    });
  });
}

export type PrometheusQueryAnswer =
  | { readonly status: 'success'; readonly resultType: string; readonly result: readonly unknown[] }
  | { readonly status: 'error'; readonly errorType: string; readonly error: string };

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API's envelope (`/api/v1/query`), checked field by field. */
function readQueryAnswer(body: unknown): PrometheusQueryAnswer {
  if (isRecord(body) && body.status === 'success' && isRecord(body.data)) {
    const { resultType, result } = body.data;
    if (typeof resultType === 'string' && Array.isArray(result))
      return { status: 'success', resultType, result };
  }
  if (isRecord(body) && body.status === 'error') {
    return {
      status: 'error',
      errorType: typeof body.errorType === 'string' ? body.errorType : 'unknown',
      error: typeof body.error === 'string' ? body.error : JSON.stringify(body),
    };
  }
  throw new Error(`Prometheus answered an unexpected body: ${JSON.stringify(body).slice(0, 300)}`);
}

export interface PrometheusOptions {
  /** `host:port` of exporters to scrape (job `know-foolery`, path `/metrics`); none by default. */
  readonly scrapeTargets?: readonly string[];
  readonly scrapeIntervalSeconds?: number;
}

/** A real Prometheus of the test's own, on a free loopback port, with its data in a temporary directory. */
export class RunningPrometheus {
  readonly #child: ChildProcess;
  readonly #directory: string;
  readonly #onExit = () => this.#child.kill('SIGKILL');

  private constructor(
    readonly url: string,
    child: ChildProcess,
    directory: string,
  ) {
    this.#child = child;
    this.#directory = directory;
    process.once('exit', this.#onExit);
  }

  /** Starts Prometheus and resolves once `/-/ready` answers 200. */
  static async start(tools: PrometheusTools, options: PrometheusOptions = {}): Promise<RunningPrometheus> {
    const directory = mkdtempSync(join(tmpdir(), 'kf-prometheus-'));
    const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
    const configFile = join(directory, 'prometheus.yml');
    // JSON is YAML: the configuration needs no YAML writer.
    writeFileSync(
      configFile,
      JSON.stringify({
        global: { scrape_interval: interval, evaluation_interval: interval },
        scrape_configs: [
          { job_name: 'know-foolery', static_configs: [{ targets: options.scrapeTargets ?? [] }] },
        ],
      }),
    );
    const port = await freePort();
    const child = spawn(
      tools.prometheus,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(directory, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log = `${log}${chunk.toString()}`.slice(-4_000);
    });
    child.once('error', (error) => {
      log = `${log}${error.message}`;
    });
    const prometheus = new RunningPrometheus(`http://127.0.0.1:${port}`, child, directory);
    const exited = () => child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
    try {
      await waitFor(
        `prometheus on ${port}`,
        async () => exited() || (await fetch(`${prometheus.url}/-/ready`)).ok,
      );
      if (exited()) throw new Error(`prometheus exited with ${child.exitCode ?? child.signalCode}`);
    } catch (error) {
      await prometheus.stop();
      throw new Error(`prometheus did not become ready: ${log}`, { cause: error });
    }
    return prometheus;
  }

  /** An instant query; a PromQL error comes back as `status: 'error'`, with Prometheus's message. */
  async query(expression: string): Promise<PrometheusQueryAnswer> {
    const response = await fetch(`${this.url}/api/v1/query`, {
      method: 'POST',
      body: new URLSearchParams({ query: expression }),
    });
    return readQueryAnswer(await response.json());
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) =>
      this.#child.pid !== undefined && this.#child.exitCode === null && this.#child.signalCode === null
        ? this.#child.once('exit', () => resolve())
        : resolve(),
    );
    this.#child.kill('SIGTERM');
    await exited;
    process.removeListener('exit', this.#onExit);
    rmSync(this.#directory, { recursive: true, force: true });
  }
}
