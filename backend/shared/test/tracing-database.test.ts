import { SpanStatusCode, trace } from '@opentelemetry/api';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseDialect } from '../src/database/index.js';
import { createTestDatabase, type TestDatabase, testDialects } from '../src/testing/index.js';
import { type InMemoryTracing, startInMemoryTracing } from './tracing-harness.js';

interface Schema {
  readonly lamps: { id: string; colour: string };
}

const MIGRATIONS = {
  historyTable: 'tracing_probe_migrations',
  migrations: [
    {
      name: '0001-lamps',
      up: async (db: Kysely<unknown>) => {
        await db.schema
          .createTable('lamps')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('colour', 'text')
          .execute();
      },
      down: async (db: Kysely<unknown>) => {
        await db.schema.dropTable('lamps').execute();
      },
    },
  ],
};

const tracing: InMemoryTracing = startInMemoryTracing();
afterAll(() => tracing.stop());

/** Runs the work inside a span of the test's, as a request's handler runs inside its request span. */
function inRequest<T>(work: () => Promise<T>): Promise<T> {
  return trace.getTracer('test').startActiveSpan('request', async (span) => {
    try {
      return await work();
    } finally {
      span.end();
    }
  });
}

describe.each(testDialects())('a span for every query of a request (%s)', (dialect: DatabaseDialect) => {
  let database: TestDatabase<Schema>;
  const system = dialect === 'postgres' ? 'postgresql' : 'sqlite';
  const placeholder = dialect === 'postgres' ? '$1' : '?';

  beforeAll(async () => {
    database = await createTestDatabase<Schema>(dialect, MIGRATIONS);
  });
  afterAll(() => database?.dispose());

  it('names the operation and the table, and records the statement without its values', async () => {
    await inRequest(async () => {
      await database.db.insertInto('lamps').values({ id: 'secret-lamp-id', colour: 'amber' }).execute();
      await database.db.selectFrom('lamps').selectAll().where('id', '=', 'secret-lamp-id').execute();
    });
    const select = await tracing.spanWhere(
      'the select',
      (span) => span.name === 'SELECT lamps' && span.attributes['db.system'] === system,
    );
    expect(select.attributes).toEqual({
      'db.system': system,
      'db.statement': `select * from "lamps" where "id" = ${placeholder}`,
      'db.operation.name': 'SELECT',
      'db.collection.name': 'lamps',
    });
    const insert = tracing
      .spans()
      .find((span) => span.name === 'INSERT lamps' && span.attributes['db.system'] === system);
    expect(JSON.stringify(insert?.attributes)).not.toMatch(/secret-lamp-id|amber/);
    expect(select.parentSpanContext?.traceId).toBe(select.spanContext().traceId);
  });

  it('marks a failed query with its error kind only, and keeps transactions working', async () => {
    await inRequest(async () => {
      await expect(
        database.db.insertInto('lamps').values({ id: 'secret-lamp-id', colour: 'red' }).execute(),
      ).rejects.toThrow();
      await database.db.transaction().execute(async (transaction) => {
        await transaction
          .updateTable('lamps')
          .set({ colour: 'green' })
          .where('id', '=', 'secret-lamp-id')
          .execute();
      });
    });
    const failed = await tracing.spanWhere(
      'the failed insert',
      (span) =>
        span.name === 'INSERT lamps' &&
        span.status.code === SpanStatusCode.ERROR &&
        span.attributes['db.system'] === system,
    );
    expect(failed.attributes['error.type']).toBe(
      dialect === 'postgres' ? '23505' : 'SQLITE_CONSTRAINT_PRIMARYKEY',
    );
    expect(failed.status.message).toBeUndefined();
    await tracing.spanWhere(
      'the update in the transaction',
      (span) => span.name === 'UPDATE lamps' && span.attributes['db.system'] === system,
    );
    const [row] = await database.db.selectFrom('lamps').select('colour').execute();
    expect(row?.colour).toBe('green');
  });

  it('traces no query outside a request (migrations, probes, timers)', async () => {
    const before = tracing.spans().length;
    await sql`select 1`.execute(database.db);
    await database.ping();
    expect(tracing.spans().length).toBe(before);
  });
});
