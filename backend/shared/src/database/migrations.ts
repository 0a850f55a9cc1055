import {
  type Kysely,
  type Migration,
  type MigrationInfo,
  type MigrationResultSet,
  Migrator,
  NO_MIGRATIONS,
} from 'kysely';

/** A migration written once for both dialects: Kysely's schema builder and portable SQL only. */
export interface NamedMigration {
  readonly name: string;
  up(db: Kysely<unknown>): Promise<void>;
  down(db: Kysely<unknown>): Promise<void>;
}

export interface MigrationSet {
  /** Distinct per service, so services sharing one PostgreSQL database keep separate histories. */
  readonly historyTable: string;
  readonly migrations: readonly NamedMigration[];
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

function migrator(db: Kysely<unknown>, set: MigrationSet): Migrator {
  const names = set.migrations.map((migration) => migration.name);
  const sorted = [...names].sort();
  // Kysely orders migrations by name; the explicit list must agree with that order.
  if (names.some((name, index) => name !== sorted[index]) || new Set(names).size !== names.length) {
    throw new MigrationError(`${set.historyTable}: migration names must be unique and in ascending order`);
  }
  const byName: Record<string, Migration> = {};
  for (const migration of set.migrations) byName[migration.name] = migration;
  return new Migrator({
    db,
    provider: { getMigrations: async () => byName },
    migrationTableName: set.historyTable,
    migrationLockTableName: `${set.historyTable}_lock`,
  });
}

function unwrap(result: MigrationResultSet, action: string, table: string): readonly string[] {
  if (result.error !== undefined) {
    const failed = result.results?.find((item) => item.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`${table}: ${action} failed at ${failed}`, { cause: result.error });
  }
  return (result.results ?? []).map((item) => item.migrationName);
}

export async function migrateToLatest(db: Kysely<unknown>, set: MigrationSet): Promise<readonly string[]> {
  return unwrap(await migrator(db, set).migrateToLatest(), 'migrate', set.historyTable);
}

export async function migrateDown(db: Kysely<unknown>, set: MigrationSet): Promise<readonly string[]> {
  return unwrap(await migrator(db, set).migrateDown(), 'roll back', set.historyTable);
}

export async function migrateToNothing(db: Kysely<unknown>, set: MigrationSet): Promise<readonly string[]> {
  return unwrap(await migrator(db, set).migrateTo(NO_MIGRATIONS), 'roll back all', set.historyTable);
}

export async function migrationStatus(
  db: Kysely<unknown>,
  set: MigrationSet,
): Promise<readonly MigrationInfo[]> {
  return migrator(db, set).getMigrations();
}
