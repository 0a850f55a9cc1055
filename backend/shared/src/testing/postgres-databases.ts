import type pg from 'pg';
import type { MigrationSet } from '../database/index.js';
import { migrateAndClose, type ScratchDatabase } from './connections.js';
import { databaseUrl, dropDatabase, TEMPLATE_LOCKS, withAdminClient } from './postgres-admin.js';
import { advisoryKey, templateDatabaseName, testDatabaseName } from './test-run.js';

/**
 * A new database on the run's server: a copy of the migration set's template (migrated once per
 * run), or empty when there is no migration set. Copying a template is a file copy on the server,
 * far cheaper than running the migrations again for every test file.
 */
export async function createPostgresDatabase(
  serverUrl: string,
  runId: string,
  migrations: MigrationSet | null,
): Promise<ScratchDatabase> {
  const template = migrations === null ? null : await ensureTemplate(serverUrl, runId, migrations);
  const name = testDatabaseName(runId);
  await withAdminClient(serverUrl, (client) =>
    client.query(
      template === null
        ? `create database ${client.escapeIdentifier(name)}`
        : `create database ${client.escapeIdentifier(name)} template ${client.escapeIdentifier(template)}`,
    ),
  );
  return {
    url: databaseUrl(serverUrl, name),
    remove: () => withAdminClient(serverUrl, (client) => dropDatabase(client, name)),
  };
}

/** Templates this process already knows to be ready, so later test databases skip the lock. */
const readyTemplates = new Map<string, Promise<string>>();

function ensureTemplate(serverUrl: string, runId: string, migrations: MigrationSet): Promise<string> {
  const name = templateDatabaseName(runId, migrations);
  let ready = readyTemplates.get(name);
  if (ready === undefined) {
    ready = withAdminClient(serverUrl, (client) =>
      buildTemplateOnce(client, serverUrl, name, migrations),
    ).then(() => name);
    // A failed build is not cached: the next test file tries again and reports its own error.
    ready.catch(() => readyTemplates.delete(name));
    readyTemplates.set(name, ready);
  }
  return ready;
}

/**
 * Test files run in parallel processes: the first to take the lock migrates the template, the
 * others wait for it and then find it ready. A template is marked ready (IS_TEMPLATE, and closed
 * to connections so nothing can block copying it) only once its migrations have all run; one
 * left half-built by a crashed process is dropped and built again.
 */
async function buildTemplateOnce(
  client: pg.Client,
  serverUrl: string,
  name: string,
  migrations: MigrationSet,
): Promise<void> {
  const key = advisoryKey(name);
  await client.query('select pg_advisory_lock($1, $2)', [TEMPLATE_LOCKS, key]);
  try {
    const { rows } = await client.query<{ datistemplate: boolean }>(
      'select datistemplate from pg_database where datname = $1',
      [name],
    );
    if (rows[0]?.datistemplate === true) return;
    await dropDatabase(client, name);
    const identifier = client.escapeIdentifier(name);
    await client.query(`create database ${identifier}`);
    try {
      await migrateAndClose(databaseUrl(serverUrl, name), migrations);
      await client.query(`alter database ${identifier} with is_template true allow_connections false`);
    } catch (error) {
      await dropDatabase(client, name);
      throw error;
    }
  } finally {
    await client.query('select pg_advisory_unlock($1, $2)', [TEMPLATE_LOCKS, key]);
  }
}
