import { readFileSync } from 'node:fs';
import type { EnvSource } from '@know-foolery/shared/config';
import { deleteKeys, findTestRedis, testKeyPrefix } from '@know-foolery/shared/testing';
import { sleep } from '@know-foolery/shared/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../src/api/client.js';
import { Browser } from '../src/browser.js';
import { type RunningPlatform, startPlatform } from '../src/platform.js';
import { Player } from '../src/public-api.js';

interface FixtureQuestion {
  theme: string;
  text: string;
  answer: string;
}

const FIXTURE_TEXT = readFileSync(new URL('./fixtures/questions.json', import.meta.url), 'utf8');
const FIXTURE: FixtureQuestion[] = JSON.parse(FIXTURE_TEXT);
const THEME = 'e2e-trivia';
/** The web client's page, on an origin of its own: the gateway lists it in CORS_ORIGINS. */
const WEB_ORIGIN = 'https://play.e2e.example';

const redisUrl = await findTestRedis();

interface RawCall {
  readonly cookie?: string;
  readonly authorization?: string;
  readonly origin?: string;
  readonly csrfToken?: string;
  readonly body?: unknown;
}

/** A request by hand, for what the browser would never send: an old cookie, a missing token. */
async function raw(gatewayUrl: string, method: string, path: string, call: RawCall = {}) {
  const headers: Record<string, string> = {};
  if (call.cookie !== undefined) headers.cookie = `kf_session=${call.cookie}`;
  if (call.authorization !== undefined) headers.authorization = call.authorization;
  if (call.origin !== undefined) headers.origin = call.origin;
  if (call.csrfToken !== undefined) headers['x-csrf-token'] = call.csrfToken;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers,
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  });
  const text = await response.text();
  return { status: response.status, code: text === '' ? undefined : JSON.parse(text).code };
}

function cookieOf(browser: Browser): string {
  const cookie = browser.sessionCookie;
  if (cookie === undefined) throw new Error('the browser holds no session cookie');
  return cookie;
}

/**
 * Tokens carry `iat` in whole seconds, and a token issued in the second of a revocation mark
 * counts as issued before it. Waiting for the next second is what "a token issued afterwards"
 * takes; it checks nothing about how long anything took.
 */
async function nextSecond(): Promise<void> {
  await sleep(1_001 - (Date.now() % 1_000));
}

/**
 * The "done when": a browser-like client signs in, plays, looks around and signs out
 * through the gateway with nothing but its session cookie, and "log out everywhere" ends its
 * sessions and its older bearer tokens. On SQLite only: sessions never touch a database, and the
 * scripted game holds the game itself to both dialects.
 */
function browserSessions(store: string, sessionEnv: () => EnvSource) {
  describe(`a browser signed in with a session cookie, sessions ${store}`, () => {
    let platform: RunningPlatform;
    let gatewayUrl: string;

    beforeAll(async () => {
      platform = await startPlatform({
        dialect: 'sqlite',
        serviceEnv: { session: sessionEnv(), gateway: { CORS_ORIGINS: WEB_ORIGIN } },
      });
      gatewayUrl = platform.gatewayUrl;
      const admin = await Player.signIn(gatewayUrl, 'e2e-session-admin', 'Admin', ['admin']);
      const imported = await admin.api.POST('/api/v1/admin/questions/import', {
        body: { format: 'json', fileName: 'e2e-questions.json', content: FIXTURE_TEXT },
      });
      expect(ok(imported)).toMatchObject({ imported: 4 });
    });

    afterAll(async () => {
      await platform?.stop();
    });

    const signIn = (subject: string, name: string) =>
      Browser.signIn({ gatewayUrl, origin: WEB_ORIGIN, subject, name });

    it('signs in, plays a whole game, sees the leaderboard and its sessions, and signs out', async () => {
      const browser = await signIn('e2e-ivy', 'Ivy');
      const cookie = cookieOf(browser);
      expect(ok(await browser.api.GET('/api/v1/me'))).toMatchObject({ id: 'e2e-ivy' });

      const game = ok(await browser.api.POST('/api/v1/games', { body: { theme: THEME } }));
      const gameId = game.id;
      const path = { params: { path: { id: gameId } } };
      const served = ok(await browser.api.GET('/api/v1/games/{id}/question', path));
      const answer = FIXTURE.find((question) => question.text === served.text)?.answer ?? '';
      const wrong = ok(
        await browser.api.POST('/api/v1/games/{id}/answers', { ...path, body: { answer: 'no' } }),
      );
      expect(wrong).toMatchObject({ correct: false, attemptsLeft: 2 });
      expect(ok(await browser.api.POST('/api/v1/games/{id}/hint', path)).hint).not.toBe('');
      const right = ok(await browser.api.POST('/api/v1/games/{id}/answers', { ...path, body: { answer } }));
      expect(right).toMatchObject({ correct: true, pointsAwarded: 1, score: 1 });
      expect(ok(await browser.api.POST('/api/v1/games/{id}/finish', path))).toMatchObject({
        status: 'finished',
        score: 1,
      });

      const board = ok(await browser.api.GET('/api/v1/leaderboard'));
      expect(board.items).toContainEqual(expect.objectContaining({ userId: 'e2e-ivy', score: 1 }));

      const listed = ok(await browser.api.GET('/api/v1/sessions'));
      expect(listed.items).toHaveLength(1);
      expect(listed.items[0]).toMatchObject({ userId: 'e2e-ivy', client: 'e2e-browser', current: true });
      const current = ok(await browser.api.GET('/api/v1/sessions/current'));
      expect(current.csrfToken).toBe(browser.csrfToken);
      expect(current.session.id).toBe(listed.items[0]?.id);

      expect((await browser.api.DELETE('/api/v1/sessions/current')).response.status).toBe(204);
      expect(browser.sessionCookie).toBeUndefined();
      expect(await raw(gatewayUrl, 'GET', '/api/v1/me', { cookie })).toEqual({
        status: 401,
        code: 'SESSION_INVALID',
      });
      expect(browser.bearerRequestsAfterSignIn).toEqual([]);
      expect(browser.hasSeen(cookie)).toBe(false);
    });

    it('refuses a change made with the cookie from another origin or without the CSRF token', async () => {
      const browser = await signIn('e2e-kim', 'Kim');
      const cookie = cookieOf(browser);
      const csrfToken = browser.csrfToken ?? '';
      const start = { cookie, body: { theme: THEME } };
      const refused = { status: 403, code: 'CSRF_REJECTED' };
      expect(await raw(gatewayUrl, 'POST', '/api/v1/games', { ...start, origin: WEB_ORIGIN })).toEqual(
        refused,
      );
      expect(await raw(gatewayUrl, 'POST', '/api/v1/games', { ...start, csrfToken })).toEqual(refused);
      const foreign = { ...start, origin: 'https://evil.example', csrfToken };
      expect(await raw(gatewayUrl, 'POST', '/api/v1/games', foreign)).toEqual(refused);
      const read = await raw(gatewayUrl, 'GET', '/api/v1/me', { cookie, origin: 'https://evil.example' });
      expect(read.status).toBe(200);
    });

    it('logs out everywhere: every session and every older bearer token is refused, a newer token is not', async () => {
      const olderToken = await platform.tokens.bearer('e2e-jay', ['player'], 'Jay');
      const laptop = await signIn('e2e-jay', 'Jay');
      const phone = await signIn('e2e-jay', 'Jay');
      const cookies = [cookieOf(laptop), cookieOf(phone)];
      expect((await raw(gatewayUrl, 'GET', '/api/v1/me', { authorization: olderToken })).status).toBe(200);
      expect(ok(await phone.api.GET('/api/v1/sessions')).items).toHaveLength(2);

      const everywhere = await laptop.api.DELETE('/api/v1/sessions');
      expect(everywhere.response.status).toBe(200);
      expect(laptop.sessionCookie).toBeUndefined();

      for (const cookie of cookies) {
        expect(await raw(gatewayUrl, 'GET', '/api/v1/me', { cookie })).toEqual({
          status: 401,
          code: 'SESSION_INVALID',
        });
      }
      expect(await raw(gatewayUrl, 'GET', '/api/v1/me', { authorization: olderToken })).toEqual({
        status: 401,
        code: 'TOKEN_REVOKED',
      });

      await nextSecond();
      const newerToken = await platform.tokens.bearer('e2e-jay', ['player'], 'Jay');
      expect((await raw(gatewayUrl, 'GET', '/api/v1/me', { authorization: newerToken })).status).toBe(200);
      const again = await signIn('e2e-jay', 'Jay');
      expect(ok(await again.api.GET('/api/v1/sessions')).items).toHaveLength(1);
    });
  });
}

browserSessions('in memory (the default)', () => ({}));

describe.skipIf(redisUrl === null)('on Redis', () => {
  const keyPrefix = testKeyPrefix('e2e-browser-sessions');
  afterAll(async () => {
    if (redisUrl !== null) await deleteKeys(redisUrl, keyPrefix);
  });
  browserSessions('on REDIS_URL', () => ({ REDIS_URL: redisUrl ?? '', REDIS_KEY_PREFIX: keyPrefix }));
});
