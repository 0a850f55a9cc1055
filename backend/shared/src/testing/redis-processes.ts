import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sleep } from '../utils/index.js';

const run = promisify(execFile);

/** Polls `condition` until it holds, failing with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await sleep(50);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Redis servers a test starts on free loopback ports, in a temporary directory. `stopAll` kills
 * every one of them and removes the directory; so does the process's exit, should a test die
 * before its clean-up runs.
 */
export class RedisProcesses {
  readonly directory = mkdtempSync(join(tmpdir(), 'kf-redis-'));
  readonly #children = new Map<number, ChildProcess>();
  readonly #onExit = () => this.#killAll();

  constructor() {
    process.once('exit', this.#onExit);
  }

  /** A plain server (no persistence) with extra arguments; resolves once it answers PING. */
  async startServer(port: number, extraArguments: readonly string[] = []): Promise<void> {
    this.#spawn(port, [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.directory,
      '--repl-diskless-sync-delay',
      '0',
      ...extraArguments,
    ]);
    await waitFor(`redis-server on ${port}`, async () => (await this.cli(port, 'PING')) === 'PONG');
  }

  /** A sentinel watching `master` (quorum 2, down after 1 s); resolves once it answers PING. */
  async startSentinel(port: number, master: string, masterPort: number): Promise<void> {
    const file = join(this.directory, `sentinel-${port}.conf`);
    writeFileSync(
      file,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${this.directory}`,
        `sentinel monitor ${master} 127.0.0.1 ${masterPort} 2`,
        `sentinel down-after-milliseconds ${master} 1000`,
        `sentinel failover-timeout ${master} 5000`,
        `sentinel parallel-syncs ${master} 1`,
        '',
      ].join('\n'),
    );
    this.#spawn(port, [file, '--sentinel']);
    await waitFor(`sentinel on ${port}`, async () => (await this.cli(port, 'PING')) === 'PONG');
  }

  /** One redis-cli command against a server of this test; its output, trimmed. */
  async cli(port: number, ...command: readonly string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...command], {
      timeout: 5_000,
    });
    return stdout.trim();
  }

  /** A field of `INFO section` (`master_link_status`, `role`). */
  async info(port: number, section: string, field: string): Promise<string | undefined> {
    const output = await this.cli(port, 'INFO', section);
    const line = output.split(/\r?\n/).find((candidate) => candidate.startsWith(`${field}:`));
    return line?.slice(field.length + 1).trim();
  }

  kill(port: number): void {
    this.#children.get(port)?.kill('SIGKILL');
    this.#children.delete(port);
  }

  async stopAll(): Promise<void> {
    const exits = [...this.#children.values()].map(
      (child) =>
        new Promise<void>((resolve) =>
          child.exitCode === null ? child.once('exit', () => resolve()) : resolve(),
        ),
    );
    this.#killAll();
    await Promise.all(exits);
    process.removeListener('exit', this.#onExit);
    rmSync(this.directory, { recursive: true, force: true });
  }

  #spawn(port: number, arguments_: readonly string[]): void {
    const child = spawn('redis-server', arguments_, { stdio: 'ignore' });
    this.#children.set(port, child);
  }

  #killAll(): void {
    for (const child of this.#children.values()) child.kill('SIGKILL');
    this.#children.clear();
  }
}
