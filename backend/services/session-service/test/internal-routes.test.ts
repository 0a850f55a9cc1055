import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionHarness } from './harness.js';

const HOUR = 3_600;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The character at `index` replaced by another one a cookie could hold. */
function alteredAt(value: string, index: number): string {
  const original = value[index] ?? '';
  const replacement =
    original === '.' ? 'x' : BASE64URL[(BASE64URL.indexOf(original) + 1) % BASE64URL.length];
  return `${value.slice(0, index)}${replacement}${value.slice(index + 1)}`;
}

describe('resolving a session cookie (the gateway, with its service identity)', () => {
  const harness = sessionHarness();
  const { open, resolve } = harness;

  beforeAll(async () => {
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
  });

  beforeEach(async () => {
    harness.clock.advanceSeconds(10 * HOUR);
    harness.logs.length = 0;
    for (const user of ['alice', 'bob']) await harness.deps.store.removeByUser(user);
  });

  it('answers a valid cookie with the session, its access token and its CSRF token', async () => {
    const token = await harness.token('alice');
    const { cookie, body } = await open('alice', { token });
    const response = await resolve(cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      handle: body.session.id,
      userId: 'alice',
      roles: ['player'],
      name: 'alice name',
      accessToken: token,
      csrfToken: body.csrfToken,
      expiresAt: body.session.expiresAt,
      authMethods: ['mock'],
      authenticatedAt: body.session.authenticatedAt,
    });
    expect(harness.logs).toEqual([]);
  });

  it('slides the idle expiry on resolve, writing it at most once per touch interval', async () => {
    const { cookie, body } = await open();
    harness.clock.advanceSeconds(30);
    expect((await resolve(cookie)).json().expiresAt).toBe(body.session.expiresAt);
    harness.clock.advanceSeconds(30);
    const slid = new Date(harness.clock.now().getTime() + HOUR * 1000).toISOString();
    expect((await resolve(cookie)).json().expiresAt).toBe(slid);
    const listed = await harness.call('GET', `/api/v1/sessions/${body.session.id}`);
    expect(listed.json().lastSeenAt).toBe(harness.clock.now().toISOString());
  });

  it('answers an unknown, ended or expired session 401 SESSION_INVALID, logging nothing', async () => {
    const ended = await open();
    await harness.call('DELETE', '/api/v1/sessions/current', { cookie: ended.cookie });
    const expiring = await open('bob');
    harness.clock.advanceSeconds(HOUR);
    for (const cookie of [ended.cookie, expiring.cookie]) {
      const response = await resolve(cookie);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('SESSION_INVALID');
    }
    expect(harness.logs).toEqual([]);
  });

  it('refuses a cookie altered in any character 401, with one security line that holds no secret', async () => {
    const { cookie } = await open();
    for (let index = 0; index < cookie.length; index += 1) {
      harness.logs.length = 0;
      const response = await resolve(alteredAt(cookie, index));
      expect(response.statusCode, `character ${index}`).toBe(401);
      expect(response.json().code).toBe('SESSION_INVALID');
      expect(harness.logs).toHaveLength(1);
      expect(harness.logs[0]).toMatchObject({ level: 40, event: 'session_tampered', part: 'cookie' });
      expect(JSON.stringify(harness.logs)).not.toContain(cookie.split('.')[0]);
    }
    expect((await resolve(cookie)).statusCode).toBe(200);
  });

  it.each([
    ['no signature', (cookie: string) => cookie.split('.')[0] ?? ''],
    ['an unknown key id', (cookie: string) => cookie.replace('.s1.', '.s2.')],
    ['an extra part', (cookie: string) => `${cookie}.x`],
    ['a signature cut short', (cookie: string) => cookie.slice(0, -2)],
    ['a longer value', (cookie: string) => `${cookie}${'A'.repeat(40)}`],
    ['garbage', () => 'not-a-session'],
  ])('refuses a cookie with %s 401 SESSION_INVALID', async (_case, tamper) => {
    const { cookie } = await open();
    const response = await resolve(tamper(cookie));
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('SESSION_INVALID');
    expect(harness.logs.filter((line) => line.event === 'session_tampered')).toHaveLength(1);
  });

  it('refuses a cookie longer than 512 characters as invalid input', async () => {
    const response = await resolve('a'.repeat(513));
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });

  it('renews an access token with under a minute left: the new one verifies and is kept', async () => {
    const token = await harness.token('alice', ['player'], 120);
    const { cookie } = await open('alice', { token });
    harness.clock.advanceSeconds(59);
    expect((await resolve(cookie)).json().accessToken).toBe(token);
    harness.clock.advanceSeconds(2);
    const renewed = (await resolve(cookie)).json().accessToken as string;
    expect(renewed).not.toBe(token);
    const user = await harness.auth.provider.verifyAccessToken(renewed);
    expect(user).toMatchObject({ id: 'alice', roles: ['player'], name: 'alice name' });
    expect(user.expiresAt.getTime() - harness.clock.now().getTime()).toBeGreaterThan(59 * 60 * 1000);
    expect((await resolve(cookie)).json().accessToken).toBe(renewed);
  });

  it.each([
    ['no token', undefined, 401, 'UNAUTHENTICATED'],
    ['a player token', ['player'] as const, 403, 'FORBIDDEN'],
    ['an admin token', ['admin'] as const, 403, 'FORBIDDEN'],
  ])('refuses a caller with %s', async (_case, roles, status, code) => {
    const { cookie } = await open();
    const response =
      roles === undefined
        ? await harness.app.inject({
            method: 'POST',
            url: '/internal/v1/sessions/resolve',
            payload: { cookie },
          })
        : await harness.internal('POST', '/internal/v1/sessions/resolve', { cookie }, roles);
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
    for (const url of ['/internal/v1/revocations/alice']) {
      const other =
        roles === undefined
          ? await harness.app.inject({ method: 'GET', url })
          : await harness.internal('GET', url, undefined, roles);
      expect(other.statusCode).toBe(status);
    }
  });
});

describe("ending a user's sessions (an admin's action, with a service identity)", () => {
  const harness = sessionHarness();
  const { open, resolve, internal } = harness;

  beforeAll(async () => {
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
  });

  it('has no revocation mark for a user before anything ends', async () => {
    const response = await internal('GET', '/internal/v1/revocations/nobody');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ tokensIssuedBefore: null });
  });

  it("ends every session of the user, revokes their tokens and leaves others' alone", async () => {
    const first = await open('carol');
    const second = await open('carol');
    const daves = await open('dave');
    const oldToken = await harness.token('carol');
    const at = harness.clock.now();
    const response = await internal('POST', '/internal/v1/users/carol/sessions/end', {
      reason: 'roles_changed',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ended: 2 });
    for (const cookie of [first.cookie, second.cookie]) expect((await resolve(cookie)).statusCode).toBe(401);
    expect((await resolve(daves.cookie)).statusCode).toBe(200);
    expect((await internal('GET', '/internal/v1/revocations/carol')).json()).toEqual({
      tokensIssuedBefore: at.toISOString(),
    });
    expect((await open('carol', { token: oldToken })).body.code).toBe('TOKEN_REVOKED');
    const again = await internal('POST', '/internal/v1/users/carol/sessions/end', { reason: 'deactivated' });
    expect(again.json()).toEqual({ ended: 0 });
  });

  it('takes a user id with any characters a token subject may hold', async () => {
    const { cookie } = await open('player:Ann Lee');
    const response = await internal(
      'POST',
      `/internal/v1/users/${encodeURIComponent('player:Ann Lee')}/sessions/end`,
      {
        reason: 'deactivated',
      },
    );
    expect(response.json()).toEqual({ ended: 1 });
    expect((await resolve(cookie)).statusCode).toBe(401);
  });

  it.each([
    ['an unknown reason', { reason: 'bored' }],
    ['no reason', {}],
    ['an extra member', { reason: 'deactivated', now: true }],
  ])('refuses %s with 400', async (_case, payload) => {
    const response = await internal('POST', '/internal/v1/users/carol/sessions/end', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses a player calling it', async () => {
    const response = await internal(
      'POST',
      '/internal/v1/users/carol/sessions/end',
      { reason: 'deactivated' },
      ['player'],
    );
    expect(response.statusCode).toBe(403);
  });
});
