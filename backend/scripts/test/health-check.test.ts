import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkDatabase, checkEndpoint, formatResult } from '../src/health/checks.js';

describe('health checks', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.writeHead(request.url === '/ready' ? 200 : 503).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('passes a service that answers 200 and fails one that answers 503 or not at all', async () => {
    expect((await checkEndpoint('up', `${base}/ready`, 1_000)).ok).toBe(true);
    const notReady = await checkEndpoint('not-ready', `${base}/down`, 1_000);
    expect(notReady.ok).toBe(false);
    expect(notReady.detail).toContain('answered 503');
    const refused = await checkEndpoint('gone', 'http://127.0.0.1:1/health/ready', 1_000);
    expect(refused).toMatchObject({ ok: false });
    expect(formatResult(refused)).toMatch(/^FAIL gone/);
  });

  it('checks SQLite files and PostgreSQL servers', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kf-health-')), 'ok.db');
    new BetterSqlite3(file).close();
    expect((await checkDatabase(`sqlite:${file}`, 1_000)).ok).toBe(true);
    expect((await checkDatabase('sqlite:/nonexistent/missing.db', 1_000)).ok).toBe(false);
    expect((await checkDatabase('postgres://postgres@127.0.0.1:1/none', 1_000)).ok).toBe(false);
    const postgres = inject('postgresUrl');
    if (postgres !== null) expect((await checkDatabase(postgres, 3_000)).ok).toBe(true);
  });
});
