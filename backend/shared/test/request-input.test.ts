import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicAccess } from '../src/auth/index.js';
import type { MigrationSet } from '../src/database/index.js';
import { createServiceApp, type ServiceApp } from '../src/http-server/index.js';
import { createTestDatabase, type TestDatabase, testDialects } from '../src/testing/databases.js';
import { testAuth } from '../src/testing/tokens.js';

interface NotesSchema {
  notes: { id: string; text: string; tags: string };
}

const notesMigrations: MigrationSet = {
  historyTable: 'request_input_probe_migrations',
  migrations: [
    {
      name: '0001-create-notes',
      up: (db) =>
        db.schema
          .createTable('notes')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('text', 'text', (column) => column.notNull())
          .addColumn('tags', 'text', (column) => column.notNull())
          .execute(),
      down: (db) => db.schema.dropTable('notes').execute(),
    },
  ],
};

const NoteBody = Type.Object(
  {
    id: Type.String({ maxLength: 64 }),
    text: Type.String(),
    tags: Type.Array(Type.String()),
    weight: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
const NoteQuery = Type.Object(
  {
    text: Type.Optional(Type.String()),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
    weight: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
const NoteParams = Type.Object({ id: Type.String() }, { additionalProperties: false });

/** A service with routes that write and read text in a real database, as every service's do. */
function notesApp(database: TestDatabase<NotesSchema>): ServiceApp {
  const app = createServiceApp({ service: 'notes-service', version: 'test', auth: testAuth().provider });
  const config = { auth: publicAccess };
  app.post('/notes', { config, schema: { body: NoteBody } }, async (request, reply) => {
    const { id, text, tags } = request.body;
    await database.db
      .insertInto('notes')
      .values({ id, text, tags: tags.join(',') })
      .execute();
    return reply.status(201).send({ id });
  });
  app.get('/notes', { config, schema: { querystring: NoteQuery } }, async (request) => {
    let query = database.db.selectFrom('notes').select('id').limit(request.query.limit);
    if (request.query.text !== undefined) query = query.where('text', '=', request.query.text);
    return { ids: (await query.execute()).map((note) => note.id) };
  });
  app.get('/notes/:id', { config, schema: { params: NoteParams } }, async (request, reply) => {
    const note = await database.db
      .selectFrom('notes')
      .selectAll()
      .where('id', '=', request.params.id)
      .executeTakeFirst();
    return note === undefined ? reply.status(404).send({}) : note;
  });
  return app;
}

const UNSTORABLE = 'must not contain the NUL character (U+0000) or half of a surrogate pair';

describe.each(testDialects())('text and numbers a route takes, on %s', (dialect) => {
  let database: TestDatabase<NotesSchema>;
  let app: ServiceApp;

  beforeAll(async () => {
    database = await createTestDatabase<NotesSchema>(dialect, notesMigrations);
    app = notesApp(database);
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  const expectRefused = (
    response: Awaited<ReturnType<ServiceApp['inject']>>,
    path: string,
    message: string,
  ) => {
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path, message }] });
  };

  it('stores and finds ordinary text', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/notes',
      payload: { id: 'n1', text: 'café ☕', tags: ['a'] },
    });
    expect(created.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/notes/n1' })).json()).toMatchObject({ text: 'café ☕' });
    const found = await app.inject({ method: 'GET', url: `/notes?text=${encodeURIComponent('café ☕')}` });
    expect(found.json()).toEqual({ ids: ['n1'] });
  });

  describe('refuses the NUL character with 400, naming the field, wherever it is', () => {
    const nul = 'before\u0000after';

    it.each([
      ['a body field', { id: 'n2', text: nul, tags: [] }, 'body/text'],
      ['an array item in the body', { id: 'n2', text: 'fine', tags: ['ok', nul] }, 'body/tags/1'],
    ])('in %s', async (_case, payload, path) => {
      const response = await app.inject({ method: 'POST', url: '/notes', payload });
      expectRefused(response, path, UNSTORABLE);
      expect((await app.inject({ method: 'GET', url: '/notes/n2' })).statusCode).toBe(404);
    });

    it('in a query parameter', async () => {
      const response = await app.inject({ method: 'GET', url: '/notes?text=a%00b' });
      expectRefused(response, 'querystring/text', UNSTORABLE);
    });

    it('in a path parameter', async () => {
      const response = await app.inject({ method: 'GET', url: '/notes/a%00b' });
      expectRefused(response, 'params/id', UNSTORABLE);
    });
  });

  describe('refuses half of a surrogate pair, which would be stored as U+FFFD', () => {
    it('in a body field written as a JSON escape', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/notes',
        headers: { 'content-type': 'application/json' },
        payload: '{"id": "n4", "text": "broken \\ud800 pair", "tags": []}',
      });
      expectRefused(response, 'body/text', UNSTORABLE);
      expect((await app.inject({ method: 'GET', url: '/notes/n4' })).statusCode).toBe(404);
    });

    it('but takes a whole pair: an emoji', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/notes',
        headers: { 'content-type': 'application/json' },
        payload: '{"id": "n5", "text": "\\ud83d\\udca5", "tags": []}',
      });
      expect(response.statusCode).toBe(201);
      expect((await app.inject({ method: 'GET', url: '/notes/n5' })).json()).toMatchObject({ text: '💥' });
    });
  });

  describe('refuses query parameters a route does not take', () => {
    it('on a route with a query schema', async () => {
      const response = await app.inject({ method: 'GET', url: '/notes?unknown=1' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('on a route whose schema declares no query string at all', async () => {
      const response = await app.inject({ method: 'GET', url: '/notes/n1?unknown=1' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('refuses numbers that are not finite with 400', () => {
    it.each(['1e309', '-1e309', 'Infinity', '-Infinity'])('limit=%s', async (limit) => {
      const response = await app.inject({ method: 'GET', url: `/notes?limit=${limit}` });
      expectRefused(response, 'querystring/limit', 'must be a finite number');
    });

    it('in a number without bounds', async () => {
      const response = await app.inject({ method: 'GET', url: '/notes?weight=1e309' });
      expectRefused(response, 'querystring/weight', 'must be a finite number');
    });

    it('in a JSON body, which reads 1e309 as Infinity', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/notes',
        headers: { 'content-type': 'application/json' },
        payload: '{"id": "n3", "text": "x", "tags": [], "weight": 1e309}',
      });
      expectRefused(response, 'body/weight', 'must be number');
    });

    it('still takes a finite number written with an exponent', async () => {
      const response = await app.inject({ method: 'GET', url: '/notes?limit=1e2&weight=2.5e-3' });
      expect(response.statusCode).toBe(200);
    });
  });
});
