import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { type MigrationSet, openDatabase } from '../src/database/index.js';
import {
  createEmptyTestDatabase,
  createTestDatabase,
  type TestDatabase,
  testDatabaseConfig,
  testDialects,
} from '../src/testing/index.js';
import { registerRun, sweepTestDatabases } from '../src/testing/postgres-admin.js';
import { migrationSetHash, templateDatabaseName } from '../src/testing/test-run.js';

interface ProbeSchema {
  probe: { id: number; label: string };
}

/** A migration set no service has, with a history table of its own, so its template is built here. */
function probeMigrations(): MigrationSet {
  return {
    historyTable: `probe_${randomBytes(4).toString('hex')}_migrations`,
    migrations: [
      {
        name: '0001-create-probe',
        up: (db) =>
          db.schema
            .createTable('probe')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .addColumn('label', 'text')
            .execute(),
        down: (db) => db.schema.dropTable('probe').execute(),
      },
    ],
  };
}

async function tableNames(db: Kysely<unknown>): Promise<string[]> {
  return (await db.introspection.getTables()).map((table) => table.name);
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') ?? '' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function postgresDatabaseExists(name: string): Promise<boolean> {
  return admin(async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return rowCount === 1;
  });
}

function databaseNameOf(url: string): string {
  return new URL(url).pathname.slice(1);
}

describe.each(testDialects())('test databases on %s', (dialect) => {
  const migrations = probeMigrations();
  const open: TestDatabase<ProbeSchema>[] = [];

  afterAll(async () => {
    await Promise.all(open.map((database) => database.dispose()));
  });

  async function fresh(set: MigrationSet = migrations): Promise<TestDatabase<ProbeSchema>> {
    const database = await createTestDatabase<ProbeSchema>(dialect, set);
    open.push(database);
    return database;
  }

  it('gives every call a migrated database of its own', async () => {
    const [first, second] = await Promise.all([fresh(), fresh()]);
    expect(first.url).not.toBe(second.url);
    expect(first.dialect).toBe(dialect);
    expect(await tableNames(first.db as Kysely<unknown>)).toContain('probe');
    await first.db.insertInto('probe').values({ id: 1, label: 'only in the first' }).execute();
    expect(await second.db.selectFrom('probe').selectAll().execute()).toEqual([]);
    await expect(first.ping()).resolves.toMatchObject({ latencyMs: expect.any(Number) });
  });

  it('migrates the template once per migration set and run, even for parallel callers', async () => {
    const set = probeMigrations();
    // Separate module instances stand for separate test files: they share nothing but the server or directory.
    const instances = await Promise.all(
      [1, 2, 3].map(async () => {
        vi.resetModules();
        return import('../src/testing/databases.js');
      }),
    );
    const databases = await Promise.all(
      instances.map((instance) => instance.createTestDatabase(dialect, set)),
    );
    try {
      for (const database of databases)
        expect(await tableNames(database.db as Kysely<unknown>)).toContain('probe');
      if (dialect === 'postgres') {
        const templates = await admin(async (client) => {
          const { rows } = await client.query<{
            datname: string;
            datistemplate: boolean;
            datallowconn: boolean;
          }>('select datname, datistemplate, datallowconn from pg_database where datname = $1', [
            templateDatabaseName(inject('testRun').id, set),
          ]);
          return rows;
        });
        expect(templates).toEqual([expect.objectContaining({ datistemplate: true, datallowconn: false })]);
      } else {
        const hash = migrationSetHash(set);
        const files = readdirSync(inject('testRun').directory).filter((file) => file.includes(hash));
        expect(files).toEqual([`template-${hash}.db`]);
      }
    } finally {
      await Promise.all(databases.map((database) => database.dispose()));
    }
  });

  it('removes the database when disposed of', async () => {
    const database = await createTestDatabase<ProbeSchema>(dialect, migrations);
    await database.dispose();
    if (dialect === 'postgres') {
      expect(await postgresDatabaseExists(databaseNameOf(database.url))).toBe(false);
    } else {
      expect(existsSync(database.url.slice('sqlite:'.length))).toBe(false);
    }
  });

  it('gives an empty database to a process that migrates it itself', async () => {
    const empty = await createEmptyTestDatabase(dialect);
    const database = await createTestDatabase<ProbeSchema>(dialect, migrations);
    open.push(database);
    try {
      expect(empty.dialect).toBe(dialect);
      expect(empty.url).not.toBe(database.url);
      const connection = openDatabase<unknown>(testDatabaseConfig(empty.url));
      try {
        await sql`select 1`.execute(connection.db);
        expect(await tableNames(connection.db)).toEqual([]);
      } finally {
        await connection.close();
      }
    } finally {
      await empty.dispose();
    }
  });
});

describe.skipIf(inject('postgresUrl') === null)('sweeping PostgreSQL test databases', () => {
  const serverUrl = inject('postgresUrl') ?? '';
  const runId = () => randomBytes(6).toString('hex');

  async function createDatabase(name: string): Promise<void> {
    await admin((client) => client.query(`create database ${client.escapeIdentifier(name)}`));
  }

  it('drops what a run left behind once that run has ended, and spares a live run', async () => {
    const deadRun = runId();
    const liveRun = runId();
    const live = await registerRun(serverUrl, liveRun);
    const dead = `kf_test_${deadRun}_leftover`;
    const alive = `kf_test_${liveRun}_in_use`;
    await createDatabase(dead);
    await createDatabase(alive);
    try {
      const dropped = await admin((client) => sweepTestDatabases(client, inject('testRun').id));
      expect(dropped).toContain(dead);
      expect(dropped).not.toContain(alive);
      expect(await postgresDatabaseExists(alive)).toBe(true);
    } finally {
      await live.release();
    }
    // A run's own teardown takes its databases with it.
    expect(await postgresDatabaseExists(alive)).toBe(false);
  });

  it('drops an untagged test database only when nobody is connected to it', async () => {
    const idle = `kf_test_untagged${runId()}`;
    const busy = `kf_test_untagged${runId()}`;
    await createDatabase(idle);
    await createDatabase(busy);
    const user = new pg.Client({ connectionString: new URL(`/${busy}`, serverUrl).toString() });
    await user.connect();
    try {
      const dropped = await admin((client) => sweepTestDatabases(client, inject('testRun').id));
      expect(dropped).toContain(idle);
      expect(dropped).not.toContain(busy);
    } finally {
      await user.end();
      await admin((client) =>
        client.query(`drop database if exists ${client.escapeIdentifier(busy)} with (force)`),
      );
    }
  });
});
