import {
  createTestDatabase,
  ManualClock,
  type TestDatabase,
  testAuth,
  testDialects,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { type IdentityProfileBody, identityProfilePath } from '../src/contract/index.js';
import { userMigrations } from '../src/data/migrations/index.js';
import type { UserDatabase } from '../src/data/schema.js';
import { aUser } from './factories.js';

const auth = testAuth();

const PAT: IdentityProfileBody = {
  name: 'Pat Player',
  preferredUsername: 'player',
  email: 'player@know-foolery.localhost',
  emailVerified: true,
  locale: 'en',
};

describe.each(testDialects())('the identity profile kept by user-service on %s', (dialect) => {
  let database: TestDatabase<UserDatabase>;
  let app: ReturnType<typeof buildApp>;
  const clock = new ManualClock('2026-11-25T10:00:00.000Z');
  let sequence = 0;
  /** A subject no other test uses. */
  const newSubject = () => {
    sequence += 1;
    return `identity-subject-${sequence}`;
  };

  beforeAll(async () => {
    database = await createTestDatabase<UserDatabase>(dialect, userMigrations);
    app = buildApp({ version: 'test', auth: auth.provider, database, clock });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  const asGateway = () => auth.bearer('service:gateway', ['service']);

  const put = async (userId: string, payload: object, authorization?: string) =>
    app.inject({
      method: 'PUT',
      url: identityProfilePath(userId),
      headers: { authorization: authorization ?? (await asGateway()) },
      payload,
    });

  const get = async (userId: string, authorization?: string) =>
    app.inject({
      method: 'GET',
      url: identityProfilePath(userId),
      headers: { authorization: authorization ?? (await asGateway()) },
    });

  it("creates the profile at the player's first sign-in, its display name made from the identity's name", async () => {
    const subject = newSubject();
    const created = await put(subject, PAT);
    expect(created.statusCode).toBe(201);
    const expected = {
      id: subject,
      displayName: expect.stringMatching(/^Pat Player/),
      ...PAT,
      refreshedAt: '2026-11-25T10:00:00.000Z',
    };
    expect(created.json()).toEqual(expected);
    const read = await get(subject);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created.json());
  });

  it('refreshes it at each later sign-in, and keeps the display name the player chose', async () => {
    const subject = newSubject();
    await put(subject, PAT);
    const renamed = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: await auth.bearer(subject, ['player']) },
      payload: { displayName: `Quizzer ${sequence}` },
    });
    expect(renamed.statusCode).toBe(200);

    clock.advanceSeconds(3600);
    const changed: IdentityProfileBody = {
      name: 'Pat Renamed',
      preferredUsername: 'pat',
      email: 'pat@example.org',
      emailVerified: false,
      locale: 'de-CH',
    };
    const refreshed = await put(subject, changed);
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json()).toEqual({
      id: subject,
      displayName: `Quizzer ${sequence}`,
      ...changed,
      refreshedAt: clock.now().toISOString(),
    });

    const forgotten = await put(subject, {
      name: null,
      preferredUsername: null,
      email: null,
      emailVerified: null,
      locale: null,
    });
    expect(forgotten.json()).toMatchObject({
      displayName: `Quizzer ${sequence}`,
      name: null,
      email: null,
      emailVerified: null,
      locale: null,
    });
    expect((await get(subject)).json()).toEqual(forgotten.json());
  });

  it('adds the identity to a profile a game made first, which keeps its display name', async () => {
    const subject = newSubject();
    const authorization = await auth.bearer(subject, ['player'], `Gamer ${sequence}`);
    const first = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
    expect(first.json().displayName).toBe(`Gamer ${sequence}`);
    expect((await get(subject)).json()).toMatchObject({
      displayName: `Gamer ${sequence}`,
      name: null,
      email: null,
      refreshedAt: null,
    });

    const signedIn = await put(subject, PAT);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({
      displayName: `Gamer ${sequence}`,
      email: PAT.email,
      locale: 'en',
    });
  });

  it.each([
    [
      'a name that makes no display name: the username',
      { name: "Zoë O'Brien", preferredUsername: 'zoe' },
      'zoe',
    ],
    ['neither: a generated one', { name: '<b>', preferredUsername: null }, /^player-[0-9a-f]{8}$/],
    ['no name: the username', { name: null, preferredUsername: 'zed.k' }, 'zed.k'],
  ])('makes the display name from %s', async (_, names, displayName) => {
    const subject = newSubject();
    const created = await put(subject, { ...PAT, ...names, preferredUsername: names.preferredUsername });
    expect(created.statusCode).toBe(201);
    expect(created.json().displayName).toEqual(
      typeof displayName === 'string' ? displayName : expect.stringMatching(displayName),
    );
  });

  it('gives a second person with a taken name another display name', async () => {
    await aUser(database.db, { displayName: 'Ada Admin' });
    const created = await put(newSubject(), { ...PAT, name: 'ada admin' });
    expect(created.statusCode).toBe(201);
    expect(created.json().displayName.toLowerCase()).not.toBe('ada admin');
    expect(created.json().name).toBe('ada admin');
  });

  it('creates the profile once when two sign-ins of a new player arrive together', async () => {
    const subject = newSubject();
    const answers = await Promise.all([put(subject, PAT), put(subject, PAT), put(subject, PAT)]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((answer) => answer.json().displayName)).size).toBe(1);
  });

  it.each([
    ['a name too long', { name: 'n'.repeat(201) }],
    ['a name with a control character', { name: 'Pat\u0000Player' }],
    ['an empty name', { name: '' }],
    ['an address without @', { email: 'player.example.org' }],
    ['an address too long', { email: `${'a'.repeat(250)}@x.io` }],
    ['a locale that is no language tag', { locale: 'English (UK)' }],
    ['a verification that is no boolean', { emailVerified: 'yes' }],
    ['a claim it does not keep', { nickname: 'P' }],
  ])('refuses %s, 400 VALIDATION_FAILED, and keeps nothing', async (_, change) => {
    const subject = newSubject();
    const refused = await put(subject, { ...PAT, ...change });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('VALIDATION_FAILED');
    expect((await get(subject)).statusCode).toBe(404);
  });

  it('refuses a body that leaves a field out: every field is said, null when unknown', async () => {
    const { locale: _, ...withoutLocale } = PAT;
    expect((await put(newSubject(), withoutLocale)).statusCode).toBe(400);
  });

  it('answers 404 USER_NOT_FOUND for a player it does not know', async () => {
    const unknown = await get('nobody-at-all');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().code).toBe('USER_NOT_FOUND');
  });

  it('serves services only: a player is 403, no token 401', async () => {
    const subject = newSubject();
    const player = await auth.bearer(subject, ['player']);
    expect((await put(subject, PAT, player)).statusCode).toBe(403);
    expect((await get(subject, player)).statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'PUT', url: identityProfilePath(subject), payload: PAT });
    expect(anonymous.statusCode).toBe(401);
    expect((await get(subject)).statusCode).toBe(404);
  });

  it('documents both routes in its own OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const route = document.paths['/internal/v1/users/{userId}/identity-profile'];
    expect(Object.keys(route ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(route.put.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '403']),
    );
  });
});
