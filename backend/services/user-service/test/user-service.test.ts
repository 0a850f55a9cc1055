import { createTestDatabase, type TestDatabase, testAuth, testDialects } from '@know-foolery/shared/testing';
import { systemClock } from '@know-foolery/shared/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { userMigrations } from '../src/data/migrations/index.js';
import type { UserDatabase } from '../src/data/schema.js';
import { aUser } from './factories.js';

const auth = testAuth();

describe.each(testDialects())('user-service on %s', (dialect) => {
  let database: TestDatabase<UserDatabase>;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    database = await createTestDatabase<UserDatabase>(dialect, userMigrations);
    app = buildApp({ version: 'test', auth: auth.provider, database, clock: systemClock });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  it('answers live and ready with the database check', async () => {
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'ok', service: 'user-service' });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.database).toMatchObject({ status: 'up', dialect });
  });

  it('creates the profile on the first authenticated request, from the token name', async () => {
    const authorization = await auth.bearer('alice-sub', ['player'], 'Alice');
    const first = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id: 'alice-sub', displayName: 'Alice', roles: ['player'] });
    const again = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
    expect(again.json().createdAt).toBe(first.json().createdAt);
  });

  it('gives a second player with the same token name a different display name', async () => {
    const authorization = await auth.bearer('other-alice', ['player'], 'alice');
    const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
    expect(response.statusCode).toBe(200);
    expect(response.json().displayName.toLowerCase()).not.toBe('alice');
  });

  it('renames, and refuses a taken name regardless of case', async () => {
    const bob = await auth.bearer('bob-sub', ['player'], 'Bob');
    const renamed = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: bob },
      payload: { displayName: '  Bobby   Tables ' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().displayName).toBe('Bobby Tables');

    const taken = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: bob },
      payload: { displayName: 'ALICE' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.headers['content-type']).toContain('application/problem+json');
    expect(taken.json()).toMatchObject({ code: 'DISPLAY_NAME_TAKEN', status: 409 });
  });

  it.each([
    [{ displayName: 'ab' }, 'INVALID_DISPLAY_NAME'],
    [{ displayName: '<script>' }, 'INVALID_DISPLAY_NAME'],
    [{ displayName: 'valid name', extra: true }, 'VALIDATION_FAILED'],
    [{}, 'VALIDATION_FAILED'],
    [{ displayName: 12345 }, 'VALIDATION_FAILED'],
  ])('rejects the update %j with %s', async (payload, code) => {
    const authorization = await auth.bearer('carol-sub', ['player']);
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
  });

  it('looks users up for services only', async () => {
    const asService = await auth.bearer('service:leaderboard', ['service']);
    const asPlayer = await auth.bearer('alice-sub', ['player']);
    const payload = { ids: ['alice-sub', 'nobody'] };
    const refused = await app.inject({
      method: 'POST',
      url: '/internal/users/lookup',
      headers: { authorization: asPlayer },
      payload,
    });
    expect(refused.statusCode).toBe(403);
    const found = await app.inject({
      method: 'POST',
      url: '/internal/users/lookup',
      headers: { authorization: asService },
      payload,
    });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({ users: [{ id: 'alice-sub', displayName: 'Alice' }] });
  });

  it('looks up many stored users at once and refuses a name one of them holds', async () => {
    const stored = await Promise.all([aUser(database.db), aUser(database.db), aUser(database.db)]);
    const asService = await auth.bearer('service:game', ['service']);
    const found = await app.inject({
      method: 'POST',
      url: '/internal/users/lookup',
      headers: { authorization: asService },
      payload: { ids: stored.map((user) => user.id) },
    });
    expect(found.statusCode).toBe(200);
    expect(found.json().users).toEqual(
      expect.arrayContaining(stored.map((user) => ({ id: user.id, displayName: user.displayName }))),
    );
    expect(found.json().users).toHaveLength(3);

    const named = await aUser(database.db, { displayName: 'Quiz Master' });
    const renamed = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: await auth.bearer('dave-sub', ['player'], 'Dave') },
      payload: { displayName: 'quiz master' },
    });
    expect(renamed.statusCode).toBe(409);
    expect(named.displayName).toBe('Quiz Master');
  });

  it('answers 401 problem+json with a Bearer challenge without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm=/);
    expect(response.headers['x-request-id']).toBeTruthy();
  });
});
