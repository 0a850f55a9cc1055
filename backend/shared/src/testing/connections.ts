import type { Kysely } from 'kysely';
import type { DatabaseConfig } from '../config/index.js';
import { type MigrationSet, migrateToLatest, openDatabase } from '../database/index.js';

/** Connection settings for a test's own connections: small pools that let go of idle clients quickly. */
export function testDatabaseConfig(url: string): DatabaseConfig {
  return {
    url,
    poolMax: 5,
    idleTimeoutMs: 1_000,
    connectionTimeoutMs: 5_000,
    statementTimeoutMs: 10_000,
    sqliteBusyTimeoutMs: 5_000,
    migrateOnStart: true,
  };
}

/** A database made for one test file, known by its URL; nothing is connected to it yet. */
export interface ScratchDatabase {
  readonly url: string;
  /** Removes the database, whoever is still connected to it. */
  remove(): Promise<void>;
}

/**
 * Runs the migrations and closes every connection: PostgreSQL copies a template only when nobody
 * is connected to it, and closing SQLite's last connection checkpoints the WAL into the file.
 */
export async function migrateAndClose(url: string, migrations: MigrationSet): Promise<void> {
  const database = openDatabase<unknown>(testDatabaseConfig(url));
  try {
    await migrateToLatest(database.db as Kysely<unknown>, migrations);
  } finally {
    await database.close();
  }
}
