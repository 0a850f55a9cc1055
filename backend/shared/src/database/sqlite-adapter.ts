import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * better-sqlite3 binds neither booleans nor dates. Repositories write both the same way on every
 * dialect, so this adapter turns them into what SQLite stores: 1/0 and ISO-8601 UTC text (which
 * sorts and compares correctly as text).
 */
function toSqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

function bindable(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map(toSqliteValue);
}

function adaptStatement(statement: BetterSqlite3.Statement): SqliteStatement {
  return {
    get reader() {
      return statement.reader;
    },
    all: (parameters) => statement.all(...bindable(parameters)),
    run: (parameters) => {
      const { changes, lastInsertRowid } = statement.run(...bindable(parameters));
      return { changes, lastInsertRowid };
    },
    iterate: (parameters) => statement.iterate(...bindable(parameters)),
  };
}

/** Prepared statements kept per SQL text: Kysely asks for one on every query, and preparing is not free. */
const STATEMENT_CACHE_SIZE = 256;

export function adaptSqliteDatabase(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql) => {
      const cached = statements.get(sql);
      if (cached !== undefined) return cached;
      const statement = adaptStatement(database.prepare(sql));
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
