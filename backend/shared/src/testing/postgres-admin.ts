import pg from 'pg';
import { advisoryKey, runIdOf, TEST_DATABASE_PREFIX } from './test-run.js';

/**
 * Advisory lock namespaces (the first argument of the two-key form). Advisory locks are scoped to
 * the database the session is connected to: every run talks to the server through the same
 * admin URL, so they all see the same locks.
 */
const RUN_LOCKS = 0x4b46_0001;
export const TEMPLATE_LOCKS = 0x4b46_0002;

export async function withAdminClient<T>(
  serverUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'know-foolery-tests' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The same URL on another database of that server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  const identifier = client.escapeIdentifier(name);
  const { rows } = await client.query<{ datistemplate: boolean }>(
    'select datistemplate from pg_database where datname = $1',
    [name],
  );
  if (rows.length === 0) return;
  // A template cannot be dropped until it stops being one.
  if (rows[0]?.datistemplate === true) await client.query(`alter database ${identifier} is_template false`);
  await client.query(`drop database if exists ${identifier} with (force)`);
}

/**
 * This run's claim on the server: a session-level advisory lock held for the whole run. Another
 * run's sweep takes a run's databases only when it can take that lock, that is, when the run
 * that made them has ended (its connection, and so its lock, is gone).
 */
export interface RunRegistration {
  /** Drops this run's databases and those of dead runs, then gives the claim up. */
  release(): Promise<void>;
}

export async function registerRun(serverUrl: string, runId: string): Promise<RunRegistration> {
  const client = new pg.Client({
    connectionString: serverUrl,
    application_name: `know-foolery-tests ${runId}`,
  });
  // The server may go away first (an embedded server stopped by an interrupted run): never crash on it.
  client.on('error', () => undefined);
  await client.connect();
  await client.query('select pg_advisory_lock($1, $2)', [RUN_LOCKS, advisoryKey(runId)]);
  await sweepTestDatabases(client, runId);
  return {
    async release() {
      try {
        await sweepTestDatabases(client, runId);
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

interface TestDatabaseRow {
  readonly datname: string;
  readonly connections: number;
}

/**
 * Drops the test databases that nobody will use again: this run's own, those of runs whose claim
 * is free (they ended without cleaning up), and untagged ones from before runs were tagged, when
 * nobody is connected to them.
 */
export async function sweepTestDatabases(client: pg.Client, ownRunId: string): Promise<readonly string[]> {
  const { rows } = await client.query<TestDatabaseRow>(
    `select d.datname,
            (select count(*) from pg_stat_activity a where a.datid = d.oid)::int as connections
       from pg_database d
      where starts_with(d.datname, $1)
      order by d.datistemplate, d.datname`,
    [TEST_DATABASE_PREFIX],
  );
  const dropped: string[] = [];
  for (const row of rows) {
    const runId = runIdOf(row.datname);
    if (runId === ownRunId || (runId === null && row.connections === 0)) {
      await dropDatabase(client, row.datname);
      dropped.push(row.datname);
    } else if (runId !== null && (await dropIfRunEnded(client, runId, row.datname))) {
      dropped.push(row.datname);
    }
  }
  return dropped;
}

async function dropIfRunEnded(client: pg.Client, runId: string, name: string): Promise<boolean> {
  const key = advisoryKey(runId);
  const { rows } = await client.query<{ free: boolean }>('select pg_try_advisory_lock($1, $2) as free', [
    RUN_LOCKS,
    key,
  ]);
  if (rows[0]?.free !== true) return false;
  try {
    await dropDatabase(client, name);
    return true;
  } finally {
    await client.query('select pg_advisory_unlock($1, $2)', [RUN_LOCKS, key]);
  }
}
