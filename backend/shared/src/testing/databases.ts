import { type Database, type DatabaseDialect, type MigrationSet, openDatabase } from '../database/index.js';
import { type ScratchDatabase, testDatabaseConfig } from './connections.js';
import { createPostgresDatabase } from './postgres-databases.js';
import { providedPostgresUrl, providedTestRun } from './run-context.js';
import { createSqliteDatabase } from './sqlite-databases.js';

/** The dialects this run can test: SQLite always, PostgreSQL when the global setup found one. */
export function testDialects(): DatabaseDialect[] {
  return providedPostgresUrl() === null ? ['sqlite'] : ['sqlite', 'postgres'];
}

export interface TestDatabase<Schema> extends Database<Schema> {
  readonly url: string;
  /** Closes the connection and removes the database or file. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database that belongs to one test file: a copy of a per-run template, as a
 * temporary SQLite file or a new PostgreSQL database on the server the run uses. Nothing is
 * shared between files. Whatever `dispose` misses (a crashed file) the run's teardown removes.
 */
export async function createTestDatabase<Schema>(
  dialect: DatabaseDialect,
  migrations: MigrationSet,
): Promise<TestDatabase<Schema>> {
  const scratch = await createScratchDatabase(dialect, migrations);
  const database = openDatabase<Schema>(testDatabaseConfig(scratch.url));
  return {
    ...database,
    url: scratch.url,
    async dispose() {
      await database.close();
      await scratch.remove();
    },
  };
}

export interface EmptyTestDatabase {
  readonly url: string;
  readonly dialect: DatabaseDialect;
  /** Removes the database or file, whoever is still connected to it. */
  dispose(): Promise<void>;
}

/**
 * A fresh database with no tables, for a process that brings its own schema up to date: a
 * service started through `composeService` with `DB_MIGRATE_ON_START=true`.
 */
export async function createEmptyTestDatabase(dialect: DatabaseDialect): Promise<EmptyTestDatabase> {
  const scratch = await createScratchDatabase(dialect, null);
  return { url: scratch.url, dialect, dispose: () => scratch.remove() };
}

function createScratchDatabase(
  dialect: DatabaseDialect,
  migrations: MigrationSet | null,
): Promise<ScratchDatabase> {
  const run = providedTestRun();
  if (dialect === 'sqlite') return createSqliteDatabase(run, migrations);
  const serverUrl = providedPostgresUrl();
  if (serverUrl === null) {
    throw new Error(
      'PostgreSQL tests need a server: set TEST_DATABASE_URL (see shared/src/testing/README.md)',
    );
  }
  return createPostgresDatabase(serverUrl, run.id, migrations);
}
