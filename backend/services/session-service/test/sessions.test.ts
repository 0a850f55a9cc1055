import type { Role } from '@know-foolery/shared/auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POLICY, sessionHarness } from './harness.js';

const HOUR = 3_600;
const HANDLE = /^[A-Za-z0-9_-]{43}$/;

describe.each([
  ['secure', true],
  ['plain (development over http)', false],
])('the session cookie, %s', (_mode, secure) => {
  const harness = sessionHarness({ secure });

  beforeAll(async () => {
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
  });

  it('is set HttpOnly, SameSite=Lax, Path=/ and for the absolute lifetime, Secure and __Host- only when secure', async () => {
    const { response, setCookie, cookie } = await harness.open();
    expect(response.statusCode).toBe(201);
    const name = secure ? '__Host-kf_session' : 'kf_session';
    const attributes = `Max-Age=${POLICY.maxLifetimeSeconds}; Path=/; HttpOnly; SameSite=Lax`;
    expect(setCookie).toBe(`${name}=${cookie}; ${attributes}${secure ? '; Secure' : ''}`);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}\.s1\.[A-Za-z0-9_-]{43}$/);
  });

  it('is read back under its own name only', async () => {
    const { cookie } = await harness.open();
    expect((await harness.call('GET', '/api/v1/sessions/current', { cookie })).statusCode).toBe(200);
    const otherName = secure ? 'kf_session' : '__Host-kf_session';
    const elsewhere = await harness.app.inject({
      method: 'GET',
      url: '/api/v1/sessions/current',
      headers: { authorization: `Bearer ${await harness.token('alice')}`, cookie: `${otherName}=${cookie}` },
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});

describe('session-service', () => {
  const harness = sessionHarness();
  const { call, open, resolve } = harness;

  beforeAll(async () => {
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
  });

  beforeEach(async () => {
    harness.clock.advanceSeconds(10 * HOUR);
    for (const user of ['alice', 'bob']) await harness.deps.store.removeByUser(user);
  });

  it('answers ready with the session store check', async () => {
    const ready = await harness.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks['session-store']).toEqual({ status: 'up', kind: 'memory' });
  });

  it('opens a session, showing its public id and CSRF token, never its secret id or tokens', async () => {
    const now = harness.clock.now();
    const token = await harness.token('alice');
    const { response, cookie, body } = await open('alice', { client: 'Firefox on laptop', token });
    expect(response.statusCode).toBe(201);
    expect(body).toEqual({
      session: {
        id: expect.stringMatching(HANDLE),
        userId: 'alice',
        client: 'Firefox on laptop',
        current: true,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + HOUR * 1000).toISOString(),
        authenticatedAt: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
      },
      csrfToken: expect.stringMatching(HANDLE),
    });
    const secretId = cookie.split('.')[0] ?? '';
    expect(body.session.id).not.toBe(secretId);
    const listed = await call('GET', '/api/v1/sessions', { cookie });
    for (const text of [response.body, listed.body]) {
      expect(text).not.toContain(secretId);
      expect(text).not.toContain(token);
    }
    expect(listed.body).not.toContain(body.csrfToken);
    expect(Object.keys(listed.json().items[0]).sort()).toEqual(
      ['authenticatedAt', 'client', 'createdAt', 'current', 'expiresAt', 'id', 'lastSeenAt', 'userId'].sort(),
    );
  });

  it.each([
    ['an empty client label', { client: '' }],
    ['a client label over 64 characters', { client: 'x'.repeat(65) }],
    ['a client label with a control character', { client: 'bad\nlabel' }],
    ['an unknown property', { device: 'phone' }],
  ])('refuses %s with 400', async (_case, payload) => {
    const response = await call('POST', '/api/v1/sessions', { payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it("lists the caller's active sessions only, oldest first, marking the cookie's one current", async () => {
    const first = await open('alice', { client: 'phone' });
    harness.clock.advanceSeconds(60);
    const second = await open('alice', { client: 'laptop' });
    await open('bob');
    const response = await call('GET', '/api/v1/sessions', { cookie: first.cookie });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { id: string; current: boolean }[];
    expect(items.map((item) => [item.id, item.current])).toEqual([
      [first.body.session.id, true],
      [second.body.session.id, false],
    ]);
  });

  it("reads the current session with its CSRF token, and 404 without the caller's cookie", async () => {
    const { cookie, body } = await open();
    const current = await call('GET', '/api/v1/sessions/current', { cookie });
    expect(current.statusCode).toBe(200);
    expect(current.json()).toEqual(body);
    expect((await call('GET', '/api/v1/sessions/current')).json().code).toBe('SESSION_NOT_FOUND');
    const bobs = await call('GET', '/api/v1/sessions/current', { subject: 'bob', cookie });
    expect(bobs.statusCode).toBe(404);
  });

  it('answers a cookie with a broken signature on the current session 401 SESSION_INVALID', async () => {
    const { cookie } = await open();
    const broken = `${cookie.slice(0, -1)}${cookie.endsWith('A') ? 'B' : 'A'}`;
    const response = await call('GET', '/api/v1/sessions/current', { cookie: broken });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('SESSION_INVALID');
  });

  it('signs this device out: the session ends and the cookie is cleared', async () => {
    const { cookie, body } = await open();
    const other = await open();
    const response = await call('DELETE', '/api/v1/sessions/current', { cookie });
    expect(response.statusCode).toBe(204);
    expect(response.headers['set-cookie']).toBe('kf_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
    expect((await resolve(cookie)).statusCode).toBe(401);
    expect((await call('GET', `/api/v1/sessions/${body.session.id}`)).statusCode).toBe(404);
    expect((await resolve(other.cookie)).statusCode).toBe(200);
    // Signing out again, or without a cookie, still leaves no session behind it.
    expect((await call('DELETE', '/api/v1/sessions/current', { cookie })).statusCode).toBe(204);
  });

  it('rotates the session when one is opened over a valid cookie: the old cookie no longer resolves', async () => {
    const first = await open();
    const second = await open('alice', { cookie: first.cookie });
    expect(second.response.statusCode).toBe(201);
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.body.session.id).not.toBe(first.body.session.id);
    expect(second.body.csrfToken).not.toBe(first.body.csrfToken);
    expect((await resolve(first.cookie)).statusCode).toBe(401);
    expect((await resolve(second.cookie)).statusCode).toBe(200);
    const listed = (await call('GET', '/api/v1/sessions')).json().items as { id: string }[];
    expect(listed.map((item) => item.id)).toEqual([second.body.session.id]);
  });

  it("ends another player's session its cookie named when someone else signs in on that device", async () => {
    const bobs = await open('bob');
    const alices = await open('alice', { cookie: bobs.cookie });
    expect(alices.response.statusCode).toBe(201);
    expect((await resolve(bobs.cookie)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/sessions', { subject: 'bob' })).json().items).toEqual([]);
  });

  it('signs out everywhere: every session ends, the cookie is cleared and older tokens are revoked', async () => {
    const { cookie } = await open();
    await open();
    const bobs = await open('bob');
    const before = await harness.token('alice');
    const at = harness.clock.now();
    const response = await call('DELETE', '/api/v1/sessions', { cookie });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ revoked: 2 });
    expect(response.headers['set-cookie']).toBe('kf_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
    expect((await resolve(cookie)).statusCode).toBe(401);
    expect((await resolve(bobs.cookie)).statusCode).toBe(200);
    const mark = await harness.internal('GET', '/internal/v1/revocations/alice');
    expect(mark.json()).toEqual({ tokensIssuedBefore: at.toISOString() });
    const refused = await open('alice', { token: before });
    expect(refused.response.statusCode).toBe(401);
    expect(refused.body.code).toBe('TOKEN_REVOKED');
    harness.clock.advanceSeconds(1);
    expect((await open('alice')).response.statusCode).toBe(201);
  });

  it('expires a session once the clock passes its idle expiry, and slides it on touch', async () => {
    const { body } = await open();
    const id = body.session.id;
    harness.clock.advanceSeconds(50 * 60);
    const touched = await call('POST', `/api/v1/sessions/${id}/touch`);
    expect(touched.statusCode).toBe(200);
    expect(touched.json().lastSeenAt).toBe(harness.clock.now().toISOString());
    harness.clock.advanceSeconds(HOUR - 1);
    expect((await call('GET', `/api/v1/sessions/${id}`)).statusCode).toBe(200);
    harness.clock.advanceSeconds(1);
    const gone = await call('GET', `/api/v1/sessions/${id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('SESSION_NOT_FOUND');
    expect((await call('POST', `/api/v1/sessions/${id}/touch`)).statusCode).toBe(404);
  });

  it('ends the oldest session when a player opens one more than the limit', async () => {
    const opened = [];
    for (let index = 0; index < POLICY.maxPerUser + 1; index += 1) {
      opened.push(await open());
      harness.clock.advanceSeconds(1);
    }
    const listed = (await call('GET', '/api/v1/sessions')).json().items as { id: string }[];
    expect(listed.map((item) => item.id)).toEqual(opened.slice(1).map((one) => one.body.session.id));
    expect((await resolve(opened[0]?.cookie ?? '')).statusCode).toBe(401);
  });

  it("treats another player's session as not found, whatever the action", async () => {
    const bobs = (await open('bob')).body.session.id;
    for (const [method, url] of [
      ['GET', `/api/v1/sessions/${bobs}`],
      ['POST', `/api/v1/sessions/${bobs}/touch`],
      ['DELETE', `/api/v1/sessions/${bobs}`],
    ] as const) {
      const response = await call(method, url);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('SESSION_NOT_FOUND');
    }
    expect((await call('GET', `/api/v1/sessions/${bobs}`, { subject: 'bob' })).statusCode).toBe(200);
  });

  it('ends one session by its id, clearing the cookie only when it is this device', async () => {
    const mine = await open();
    const other = await open();
    const elsewhere = await call('DELETE', `/api/v1/sessions/${other.body.session.id}`, {
      cookie: mine.cookie,
    });
    expect(elsewhere.statusCode).toBe(204);
    expect(elsewhere.headers['set-cookie']).toBeUndefined();
    const here = await call('DELETE', `/api/v1/sessions/${mine.body.session.id}`, { cookie: mine.cookie });
    expect(here.statusCode).toBe(204);
    expect(here.headers['set-cookie']).toContain('Max-Age=0');
    expect((await call('DELETE', `/api/v1/sessions/${mine.body.session.id}`)).statusCode).toBe(404);
  });

  it.each(['short', `${'a'.repeat(42)}!`, 'a'.repeat(44)])(
    'refuses the malformed id %s with 400',
    async (id) => {
      expect((await call('GET', `/api/v1/sessions/${encodeURIComponent(id)}`)).statusCode).toBe(400);
    },
  );

  it.each([
    ['no token', undefined, 401],
    ['a service token', ['service'] as Role[], 403],
  ])('refuses a caller with %s', async (_case, roles, status) => {
    const headers =
      roles === undefined ? {} : { authorization: `Bearer ${await harness.token('svc', roles)}` };
    const response = await harness.app.inject({ method: 'GET', url: '/api/v1/sessions', headers });
    expect(response.statusCode).toBe(status);
  });

  it('lets an admin manage their own sessions', async () => {
    const token = await harness.token('root', ['admin']);
    const { response, body } = await open('root', { token });
    expect(response.statusCode).toBe(201);
    expect(body.session.userId).toBe('root');
  });
});
