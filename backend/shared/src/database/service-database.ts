import type { Kysely } from 'kysely';
import type { DatabaseConfig } from '../config/index.js';
import { type Database, describeDatabaseUrl, openDatabase } from './connection.js';
import { type MigrationSet, migrateToLatest } from './migrations.js';

export interface MigrationLog {
  info(details: Readonly<Record<string, unknown>>, message: string): void;
}

/** Opens a service's own database and, where configured (development default), brings its schema up to date. */
export async function openServiceDatabase<Schema>(
  config: DatabaseConfig,
  migrations: MigrationSet,
  log: MigrationLog,
): Promise<Database<Schema>> {
  const database = openDatabase<Schema>(config);
  try {
    await database.ping();
    if (config.migrateOnStart) {
      const applied = await migrateToLatest(database.db as Kysely<unknown>, migrations);
      log.info({ applied, database: describeDatabaseUrl(config.url) }, 'database schema is up to date');
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
