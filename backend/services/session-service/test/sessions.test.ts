import type { Role } from '@know-foolery/shared/auth';
import { ManualClock, testAuth } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { MemorySessionStore } from '../src/data/memory-session-store.js';

const auth = testAuth();
const HOUR = 3_600;
const policy = { ttlSeconds: HOUR, maxLifetimeSeconds: 4 * HOUR, maxPerUser: 3 };
const START = '2025-03-01T10:00:00.000Z';

describe('session-service', () => {
  const clock = new ManualClock(START);
  const store = new MemorySessionStore({ clock, sweepIntervalMs: 60_000 });
  const app = buildApp({ version: 'test', auth: auth.provider, store, clock, policy });

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, subject = 'alice', payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: await auth.bearer(subject, ['player']) },
      ...(payload === undefined ? {} : { payload }),
    });

  const create = async (subject = 'alice', client?: string) => {
    const response = await call('POST', '/api/v1/sessions', subject, client === undefined ? {} : { client });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; expiresAt: string; lastSeenAt: string };
  };

  beforeAll(async () => {
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  beforeEach(async () => {
    clock.set(START);
    for (const user of ['alice', 'bob']) await store.removeByUser(user);
  });

  it('answers ready with the session store check', async () => {
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks['session-store']).toEqual({ status: 'up', kind: 'memory' });
  });

  it('opens a session with an unguessable id that idles out after the TTL', async () => {
    const response = await call('POST', '/api/v1/sessions', 'alice', { client: 'Firefox on laptop' });
    expect(response.statusCode).toBe(201);
    const session = response.json();
    expect(session).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      userId: 'alice',
      client: 'Firefox on laptop',
      createdAt: START,
      lastSeenAt: START,
      expiresAt: '2025-03-01T11:00:00.000Z',
    });
    expect((await create()).id).not.toBe(session.id);
  });

  it('opens a session without a client label', async () => {
    const response = await call('POST', '/api/v1/sessions', 'alice', {});
    expect(response.statusCode).toBe(201);
    expect(response.json().client).toBeNull();
  });

  it.each([
    ['an empty client label', { client: '' }],
    ['a client label over 64 characters', { client: 'x'.repeat(65) }],
    ['a client label with a control character', { client: 'bad\nlabel' }],
    ['a client label that is no string', { client: { name: 'phone' } }],
    ['no body at all', undefined],
    ['an unknown property', { device: 'phone' }],
  ])('refuses %s with 400', async (_case, payload) => {
    const response = await call('POST', '/api/v1/sessions', 'alice', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });

  it("lists the caller's active sessions only, oldest first", async () => {
    const first = await create('alice', 'phone');
    clock.advanceSeconds(60);
    const second = await create('alice', 'laptop');
    await create('bob');

    const response = await call('GET', '/api/v1/sessions');
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((session: { id: string }) => session.id)).toEqual([first.id, second.id]);
  });

  it('reads one session of the caller', async () => {
    const session = await create('alice', 'phone');
    const response = await call('GET', `/api/v1/sessions/${session.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(session);
  });

  it('expires a session once the clock passes its expiry', async () => {
    const session = await create();
    clock.advanceSeconds(HOUR - 1);
    expect((await call('GET', `/api/v1/sessions/${session.id}`)).statusCode).toBe(200);
    clock.advanceSeconds(1);
    const gone = await call('GET', `/api/v1/sessions/${session.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('SESSION_NOT_FOUND');
    expect((await call('GET', '/api/v1/sessions')).json().items).toEqual([]);
    expect((await call('POST', `/api/v1/sessions/${session.id}/touch`)).statusCode).toBe(404);
  });

  it('slides the expiry on every touch', async () => {
    const session = await create();
    clock.advanceSeconds(50 * 60);
    const touched = await call('POST', `/api/v1/sessions/${session.id}/touch`);
    expect(touched.statusCode).toBe(200);
    expect(touched.json()).toMatchObject({
      lastSeenAt: '2025-03-01T10:50:00.000Z',
      expiresAt: '2025-03-01T11:50:00.000Z',
    });
    // Past the first expiry, alive thanks to the touch.
    clock.set('2025-03-01T11:30:00.000Z');
    expect((await call('GET', `/api/v1/sessions/${session.id}`)).json().expiresAt).toBe(
      '2025-03-01T11:50:00.000Z',
    );
  });

  it('ends a session at its maximum lifetime however often it is touched', async () => {
    const session = await create();
    let expiresAt = '';
    for (let touches = 0; touches < 7; touches += 1) {
      clock.advanceSeconds(30 * 60);
      expiresAt = (await call('POST', `/api/v1/sessions/${session.id}/touch`)).json().expiresAt;
    }
    // Touched at 13:30: the sliding expiry would be 14:30, but the session was born at 10:00.
    expect(expiresAt).toBe('2025-03-01T14:00:00.000Z');
    clock.set('2025-03-01T13:59:59.999Z');
    expect((await call('POST', `/api/v1/sessions/${session.id}/touch`)).json().expiresAt).toBe(
      '2025-03-01T14:00:00.000Z',
    );
    clock.set('2025-03-01T14:00:00.000Z');
    expect((await call('POST', `/api/v1/sessions/${session.id}/touch`)).statusCode).toBe(404);
  });

  it('ends the oldest session when a player opens one more than the limit', async () => {
    const sessions = [];
    for (let index = 0; index < policy.maxPerUser + 1; index += 1) {
      sessions.push(await create());
      clock.advanceSeconds(1);
    }
    const listed = (await call('GET', '/api/v1/sessions'))
      .json()
      .items.map((session: { id: string }) => session.id);
    expect(listed).toEqual(sessions.slice(1).map((session) => session.id));
    expect((await call('GET', `/api/v1/sessions/${sessions[0]?.id}`)).statusCode).toBe(404);
  });

  it("treats another player's session as not found, whatever the action", async () => {
    const bobs = await create('bob');
    for (const [method, url] of [
      ['GET', `/api/v1/sessions/${bobs.id}`],
      ['POST', `/api/v1/sessions/${bobs.id}/touch`],
      ['DELETE', `/api/v1/sessions/${bobs.id}`],
    ] as const) {
      const response = await call(method, url, 'alice');
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('SESSION_NOT_FOUND');
    }
    expect((await call('GET', `/api/v1/sessions/${bobs.id}`, 'bob')).json()).toEqual(bobs);
  });

  it('revokes one session', async () => {
    const session = await create();
    const other = await create();
    const revoked = await call('DELETE', `/api/v1/sessions/${session.id}`);
    expect(revoked.statusCode).toBe(204);
    expect(revoked.body).toBe('');
    expect((await call('GET', `/api/v1/sessions/${session.id}`)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/sessions/${session.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/sessions/${other.id}`)).statusCode).toBe(200);
  });

  it("revokes all of the caller's sessions and no one else's", async () => {
    await create('alice');
    await create('alice');
    const bobs = await create('bob');
    const response = await call('DELETE', '/api/v1/sessions');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ revoked: 2 });
    expect((await call('GET', '/api/v1/sessions')).json().items).toEqual([]);
    expect((await call('GET', `/api/v1/sessions/${bobs.id}`, 'bob')).statusCode).toBe(200);
  });

  it.each(['short', `${'a'.repeat(42)}!`, 'a'.repeat(44)])(
    'refuses the malformed id %s with 400',
    async (id) => {
      const response = await call('GET', `/api/v1/sessions/${encodeURIComponent(id)}`);
      expect(response.statusCode).toBe(400);
    },
  );

  it.each([
    ['no token', undefined, 401],
    ['a service token', ['service'] as Role[], 403],
  ])('refuses a caller with %s', async (_case, roles, status) => {
    const headers = roles === undefined ? {} : { authorization: await auth.bearer('svc', roles) };
    const response = await app.inject({ method: 'GET', url: '/api/v1/sessions', headers });
    expect(response.statusCode).toBe(status);
  });

  it('lets an admin manage their own sessions', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { authorization: await auth.bearer('root', ['admin']) },
      payload: {},
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().userId).toBe('root');
  });
});
