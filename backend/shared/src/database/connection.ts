import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Dialect, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/index.js';
import { adaptSqliteDatabase } from './sqlite-adapter.js';
import { tracedDialect } from './traced-dialect.js';

export type DatabaseDialect = 'sqlite' | 'postgres';

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly filename: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (filename === '') throw new RangeError('DATABASE_URL: a sqlite: URL needs a file path or :memory:');
    return { dialect: 'sqlite', filename };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', connectionString: url };
  throw new RangeError('DATABASE_URL: expected a URL starting with sqlite: or postgres://');
}

/** A URL safe to log: the password is masked. */
export function describeDatabaseUrl(url: string): string {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite') return `sqlite:${target.filename}`;
  const parsed = new URL(target.connectionString);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

export interface DatabaseHealth {
  readonly latencyMs: number;
}

/** A PostgreSQL pool's connections at one moment. */
export interface PoolUsage {
  readonly total: number;
  readonly idle: number;
  /** Queries waiting for a connection: the pool is too small, or the database too slow. */
  readonly waiting: number;
  readonly max: number;
}

/** A connected database, owned by whoever opened it: they alone close it. */
export interface Database<Schema> {
  readonly db: Kysely<Schema>;
  readonly dialect: DatabaseDialect;
  ping(): Promise<DatabaseHealth>;
  /** The pool's connections now; undefined with SQLite, which has one connection and no pool. */
  poolUsage(): PoolUsage | undefined;
  close(): Promise<void>;
}

export function openDatabase<Schema>(config: DatabaseConfig): Database<Schema> {
  const target = parseDatabaseUrl(config.url);
  let pool: pg.Pool | undefined;
  let dialect: Dialect;
  if (target.dialect === 'sqlite') {
    dialect = sqliteDialect(target.filename, config);
  } else {
    pool = postgresPool(target.connectionString, config);
    dialect = new PostgresDialect({ pool });
  }
  const db = new Kysely<Schema>({ dialect: tracedDialect(dialect, target.dialect) });
  let closed: Promise<void> | undefined;
  return {
    db,
    dialect: target.dialect,
    async ping() {
      const started = performance.now();
      await sql`select 1`.execute(db);
      return { latencyMs: Math.round((performance.now() - started) * 100) / 100 };
    },
    poolUsage() {
      if (pool === undefined) return undefined;
      return {
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
        max: config.poolMax,
      };
    },
    close() {
      closed ??= db.destroy();
      return closed;
    },
  };
}

function sqliteDialect(filename: string, config: DatabaseConfig): SqliteDialect {
  return new SqliteDialect({
    database: async () => {
      if (filename !== ':memory:') mkdirSync(dirname(resolve(filename)), { recursive: true });
      const database = new BetterSqlite3(filename, { timeout: config.sqliteBusyTimeoutMs });
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      database.pragma('foreign_keys = ON');
      return adaptSqliteDatabase(database);
    },
  });
}

function postgresPool(connectionString: string, config: DatabaseConfig): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: config.poolMax,
    idleTimeoutMillis: config.idleTimeoutMs,
    connectionTimeoutMillis: config.connectionTimeoutMs,
    statement_timeout: config.statementTimeoutMs === 0 ? undefined : config.statementTimeoutMs,
    application_name: 'know-foolery',
  });
  // A client can lose its server (restart, network) idle in the pool, or just as it is checked out,
  // before its query is sent: the pool listens only to idle ones, and a client's 'error' event with
  // no listener throws, killing the process. The failure still reaches the query that was running
  // (and the pool drops the client when it is released), so the event itself is only swallowed.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
