import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationSet } from '../database/index.js';
import { migrateAndClose, type ScratchDatabase } from './connections.js';
import { migrationSetHash, type TestRun, testDatabaseName } from './test-run.js';

/**
 * A new SQLite file in the run's directory: a copy of the migration set's template file
 * (migrated once per run), or empty when there is no migration set. The run's directory goes
 * away at the end of the run, with whatever a failed test left in it.
 */
export async function createSqliteDatabase(
  run: TestRun,
  migrations: MigrationSet | null,
): Promise<ScratchDatabase> {
  const file = join(run.directory, `${testDatabaseName(run.id)}.db`);
  if (migrations !== null) copyFileSync(await ensureTemplateFile(run, migrations), file);
  return {
    url: `sqlite:${file}`,
    async remove() {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

async function ensureTemplateFile(run: TestRun, migrations: MigrationSet): Promise<string> {
  const template = join(run.directory, `template-${migrationSetHash(migrations)}.db`);
  if (existsSync(template)) return template;
  // Built under a private name and renamed into place: renaming is atomic, so a parallel test
  // file sees either no template or a complete one, never half of one.
  const building = `${template}.${randomBytes(4).toString('hex')}.building`;
  try {
    await migrateAndClose(`sqlite:${building}`, migrations);
    renameSync(building, template);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  }
  return template;
}
