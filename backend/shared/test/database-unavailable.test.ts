import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicAccess } from '../src/auth/index.js';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  type Database,
  isDatabaseUnavailable,
  isUniqueViolation,
  openDatabase,
} from '../src/database/index.js';
import { ErrorCode } from '../src/errors/index.js';
import { startTcpRelay, type TcpRelay } from '../src/fault-injection/index.js';
import { createServiceApp, type ServiceApp } from '../src/http-server/index.js';
import {
  createEmptyTestDatabase,
  type EmptyTestDatabase,
  freePort,
  testDatabaseConfig,
  testDialects,
} from '../src/testing/index.js';
import { testAuth } from '../src/testing/tokens.js';

/** What a query failed with: the error itself, as the driver threw it. */
async function failureOf(query: Promise<unknown>): Promise<unknown> {
  try {
    await query;
  } catch (error) {
    return error;
  }
  throw new Error('the query succeeded');
}

const ping = (database: Database<unknown>) => sql`select 1`.execute(database.db);

describe('a database that cannot be used just now, told apart from a failed query', () => {
  it('is SQLite locked by another connection past the busy timeout, not a broken statement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kf-busy-'));
    const file = join(dir, 'busy.db');
    const holder = new BetterSqlite3(file);
    holder.exec('create table lamps (id text primary key)');
    const database = openDatabase<unknown>({
      ...testDatabaseConfig(`sqlite:${file}`),
      sqliteBusyTimeoutMs: 50,
    });
    try {
      holder.exec('begin immediate');
      const locked = await failureOf(sql`insert into lamps (id) values ('a')`.execute(database.db));
      expect(isDatabaseUnavailable(locked)).toBe(true);
      holder.exec('rollback');
      const broken = await failureOf(sql`selec 1`.execute(database.db));
      expect(isDatabaseUnavailable(broken)).toBe(false);
      await sql`insert into lamps (id) values ('a')`.execute(database.db);
      const twice = await failureOf(sql`insert into lamps (id) values ('a')`.execute(database.db));
      expect([isUniqueViolation(twice), isDatabaseUnavailable(twice)]).toEqual([true, false]);
    } finally {
      await database.close();
      holder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not an error of any other kind, nor something that is no error', () => {
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable({ code: 42 })).toBe(false);
  });
});

describe.skipIf(!testDialects().includes('postgres'))('PostgreSQL out of reach', () => {
  let scratch: EmptyTestDatabase;
  let relay: TcpRelay;
  let database: Database<unknown>;
  let app: ServiceApp;

  beforeAll(async () => {
    scratch = await createEmptyTestDatabase('postgres');
    const target = new URL(scratch.url);
    relay = await startTcpRelay({ host: target.hostname, port: Number(target.port || 5432) });
    const relayed = new URL(scratch.url);
    relayed.host = `127.0.0.1:${relay.port}`;
    database = openDatabase<unknown>({ ...testDatabaseConfig(relayed.href), connectionTimeoutMs: 1_000 });
    app = createServiceApp({ service: 'lamps-service', version: 'test', auth: testAuth().provider });
    app.get('/lamps', { config: { auth: publicAccess } }, async () => {
      await ping(database);
      return { lit: true };
    });
    app.get('/broken', { config: { auth: publicAccess } }, async () => {
      await sql`selec 1`.execute(database.db);
      return {};
    });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await relay?.close();
    await scratch?.dispose();
  });

  it('is refused connections, and connections cut under it: told as unavailable; a bad statement is not', async () => {
    const closedPort = await freePort();
    const refusing = new URL(scratch.url);
    refusing.host = `127.0.0.1:${closedPort}`;
    const nowhere = openDatabase<unknown>(testDatabaseConfig(refusing.href));
    try {
      expect(isDatabaseUnavailable(await failureOf(ping(nowhere)))).toBe(true);
    } finally {
      await nowhere.close();
    }
    expect(isDatabaseUnavailable(await failureOf(sql`selec 1`.execute(database.db)))).toBe(false);

    const held = database.db.connection().execute(async (connection) => {
      await relay.cut();
      return failureOf(sql`select 1`.execute(connection));
    });
    expect(isDatabaseUnavailable(await held)).toBe(true);
    await relay.restore();
  });

  it('fails the query of a client whose connection ends just as it leaves the pool, and the process lives on', async () => {
    await ping(database);
    // No pause: the idle client is handed out before its socket's end is read. Its 'error' event
    // once killed the process (vitest fails the run on the uncaught exception).
    await relay.cut();
    const cut = await failureOf(ping(database));
    expect(cut).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(cut)).toBe(true);
    await relay.restore();
    await new Promise((resolve) => setImmediate(resolve));
    await ping(database);
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while it is cut, and serves again once it is back', async () => {
    expect((await app.inject({ url: '/lamps' })).statusCode).toBe(200);
    await relay.cut();
    try {
      const refused = await app.inject({ url: '/lamps' });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      expect(refused.json()).toMatchObject({
        status: 503,
        code: ErrorCode.databaseUnavailable,
        detail: 'the service cannot reach its data just now, try again shortly',
      });
      expect(refused.body).not.toMatch(/ECONN|terminated|127\.0\.0\.1/);
    } finally {
      await relay.restore();
    }
    expect((await app.inject({ url: '/lamps' })).statusCode).toBe(200);
    const broken = await app.inject({ url: '/broken' });
    expect([broken.statusCode, broken.json().code]).toEqual([500, ErrorCode.internal]);
  });
});
