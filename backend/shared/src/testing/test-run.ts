import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationSet } from '../database/index.js';

/**
 * One `vitest run`: every database and file it creates carries its id, so the run can find and
 * remove them all at the end, even those a crashed test file never disposed of. Several runs
 * share this machine and its PostgreSQL server, so a run only ever removes its own leftovers and
 * those of runs that are no longer alive.
 */
export interface TestRun {
  /** 12 lowercase letters and digits, starting with the start time, so names sort by run. */
  readonly id: string;
  /** A directory of its own under the system temp directory: SQLite files, embedded PostgreSQL data. */
  readonly directory: string;
}

declare module 'vitest' {
  /** What the global setup hands every test file. */
  export interface ProvidedContext {
    /** The PostgreSQL server this run tests against (an admin URL), or null when there is none. */
    postgresUrl: string | null;
    testRun: TestRun;
  }
}

const RUN_ID = /^[0-9a-z]{12}$/;
const RUN_DIRECTORY_PREFIX = 'kf-test-';
const OWNER_FILE = 'owner.pid';

export function newTestRun(): TestRun {
  const id = `${Date.now().toString(36).padStart(8, '0')}${randomBytes(2).toString('hex')}`;
  const directory = join(tmpdir(), `${RUN_DIRECTORY_PREFIX}${id}`);
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, OWNER_FILE), String(process.pid));
  return { id, directory };
}

export function removeRunDirectory(run: TestRun): void {
  rmSync(run.directory, { recursive: true, force: true });
}

/** Removes the directories of earlier runs whose process is gone (killed, or crashed before teardown). */
export function sweepDeadRunDirectories(): void {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(RUN_DIRECTORY_PREFIX) || !RUN_ID.test(entry.slice(RUN_DIRECTORY_PREFIX.length)))
      continue;
    const directory = join(tmpdir(), entry);
    if (!isProcessAlive(readOwner(directory))) rmSync(directory, { recursive: true, force: true });
  }
}

function readOwner(directory: string): number | null {
  try {
    const pid = Number(readFileSync(join(directory, OWNER_FILE), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isProcessAlive(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every test database name starts with this; the teardown sweep looks for nothing else. */
export const TEST_DATABASE_PREFIX = 'kf_test_';
const TAGGED_NAME = /^kf_test_([0-9a-z]{12})_/;

function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** A database for one test file: `kf_test_<run>_<random>`. */
export function testDatabaseName(runId: string): string {
  return `${TEST_DATABASE_PREFIX}${runId}_${randomSuffix()}`;
}

/**
 * The migrated template for one migration set in one run: `kf_test_<run>_tpl_<history table>_<hash>`.
 * The hash covers the migration names, so two sets never share a template; the whole name stays
 * within PostgreSQL's 63-character identifier limit.
 */
export function templateDatabaseName(runId: string, migrations: MigrationSet): string {
  const table = migrations.historyTable
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, '_')
    .slice(0, 20);
  return `${TEST_DATABASE_PREFIX}${runId}_tpl_${table}_${migrationSetHash(migrations)}`;
}

export function migrationSetHash(migrations: MigrationSet): string {
  const names = migrations.migrations.map((migration) => migration.name);
  return createHash('sha256')
    .update(JSON.stringify([migrations.historyTable, names]))
    .digest('hex')
    .slice(0, 10);
}

/** The run a test database belongs to, or null for a name this scheme did not produce. */
export function runIdOf(databaseName: string): string | null {
  return TAGGED_NAME.exec(databaseName)?.[1] ?? null;
}

/** A signed 32-bit key for `pg_advisory_lock(namespace, key)`. */
export function advisoryKey(value: string): number {
  return createHash('sha256').update(value).digest().readInt32BE(0);
}
