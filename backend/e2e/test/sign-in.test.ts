import { readFileSync } from 'node:fs';
import { DEV_USERS, type DevIdentityProvider, totpCode } from '@know-foolery/dev-identity';
import { AUTH_PATHS, GatewayErrorCode } from '@know-foolery/gateway-service/contract';
import type { EnvSource } from '@know-foolery/shared/config';
import type { DatabaseDialect } from '@know-foolery/shared/database';
import {
  deleteKeys,
  findTestRedis,
  formWithField,
  signIn,
  TestBrowser,
  testDialects,
  testKeyPrefix,
  type Visit,
} from '@know-foolery/shared/testing';
import { sleep } from '@know-foolery/shared/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../src/api/client.js';
import { Browser } from '../src/browser.js';
import { createPasswordOnlyAdmin } from '../src/identity-users.js';
import { type RunningPlatform, startPlatform } from '../src/platform.js';

interface FixtureQuestion {
  theme: string;
  text: string;
  answer: string;
}

const FIXTURE_TEXT = readFileSync(new URL('./fixtures/questions.json', import.meta.url), 'utf8');
const FIXTURE: FixtureQuestion[] = JSON.parse(FIXTURE_TEXT);
const THEME = 'e2e-trivia';
/** The session cookie over plain http (SESSION_COOKIE_SECURE is off outside production). */
const SESSION_COOKIE = 'kf_session';
/** oidc-provider's cookie for the person's session at the identity provider. */
const PROVIDER_SESSION_COOKIE = '_session';

/** The admin's authenticator app. */
const adminAuthenticator = () => totpCode(DEV_USERS.admin.totpSecret);

async function jsonOf({ response }: Visit): Promise<Record<string, unknown>> {
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null) throw new Error(`not an object: ${JSON.stringify(body)}`);
  return Object.fromEntries(Object.entries(body));
}

/** A request by hand with a cookie the browser no longer holds: answers the status and the problem's code. */
async function withOldCookie(url: string, cookie: string) {
  const response = await fetch(url, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
  const body: unknown = await response.json();
  const code = typeof body === 'object' && body !== null && 'code' in body ? body.code : undefined;
  return { status: response.status, code };
}

function providerOf(platform: RunningPlatform): DevIdentityProvider {
  if (platform.identity === null) throw new Error('the platform was started without the identity provider');
  return platform.identity;
}

/**
 * Issue 14's "done when", over real HTTP: the platform in OIDC mode (every service with
 * AUTH_PROVIDER=oidc, the development identity provider in front of it), and a browser that
 * only ever holds cookies, signing in at the provider's login pages through the gateway.
 */
describe.each(testDialects())('signing in at the identity provider through the gateway, on %s', (dialect) => {
  let platform: RunningPlatform;
  let gatewayUrl: string;
  /** The web client's page is served by the gateway's origin: its requests carry that Origin. */
  let origin: string;

  beforeAll(async () => {
    platform = await startPlatform({ dialect, identity: {} });
    gatewayUrl = platform.gatewayUrl;
    origin = new URL(gatewayUrl).origin;
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const signInUrl = (query = '') => `${gatewayUrl}${AUTH_PATHS.signIn}${query}`;
  const toMe = `?return_to=${AUTH_PATHS.me}`;

  it('refuses admin routes to an admin whose sign-in gave no second factor, even one that asked with step_up=1', async () => {
    const soloAdmin = await createPasswordOnlyAdmin(providerOf(platform), `solo-admin-${dialect}`);
    const web = new TestBrowser();
    const landed = await signIn(web, { start: signInUrl(toMe), user: soloAdmin });
    expect(await jsonOf(landed)).toMatchObject({
      roles: ['player', 'admin'],
      credential: 'session',
      authMethods: ['pwd'],
      stepUpSatisfied: false,
    });
    const page = new Browser(gatewayUrl, origin, web);
    await page.adoptSession();
    const refused = await page.api.GET('/api/v1/admin/questions');
    expect(refused.response.status).toBe(403);
    expect(refused.error).toMatchObject({
      code: GatewayErrorCode.stepUpRequired,
      signIn: `${AUTH_PATHS.signIn}?step_up=1`,
    });

    // The step-up makes the provider ask for the password again (prompt=login); no code, no admin.
    const again = await signIn(web, {
      start: signInUrl(`?step_up=1&return_to=${AUTH_PATHS.me}`),
      user: soloAdmin,
    });
    expect(await jsonOf(again)).toMatchObject({ authMethods: ['pwd'], stepUpSatisfied: false });
    await page.adoptSession();
    expect((await page.api.GET('/api/v1/admin/questions')).response.status).toBe(403);
  });

  it('lets the admin in to admin routes once a sign-in with step_up=1 gave the TOTP code', async () => {
    const web = new TestBrowser();
    const landed = await signIn(web, {
      start: signInUrl(`?step_up=1&return_to=${AUTH_PATHS.me}`),
      user: DEV_USERS.admin,
      totp: adminAuthenticator,
    });
    expect(await jsonOf(landed)).toMatchObject({
      id: DEV_USERS.admin.id,
      roles: ['player', 'admin'],
      authMethods: ['pwd', 'otp', 'mfa'],
      stepUpSatisfied: true,
    });
    const page = new Browser(gatewayUrl, origin, web);
    await page.adoptSession();
    expect(ok(await page.api.GET('/api/v1/admin/questions')).total).toBe(0);
    const imported = await page.api.POST('/api/v1/admin/questions/import', {
      body: { format: 'json', fileName: 'e2e-questions.json', content: FIXTURE_TEXT },
    });
    expect(ok(imported)).toMatchObject({ read: 4, imported: 4 });
    expect(page.bearerRequestsAfterSignIn).toEqual([]);
  });

  it('signs the player in, plays a whole game with the cookie and the CSRF token, and signs out at the gateway and the provider', async () => {
    const provider = providerOf(platform);
    const web = new TestBrowser();
    const landed = await signIn(web, { start: signInUrl(toMe), user: DEV_USERS.player });
    expect(landed.url.href).toBe(`${gatewayUrl}${AUTH_PATHS.me}`);
    expect(await jsonOf(landed)).toMatchObject({
      id: DEV_USERS.player.id,
      roles: ['player'],
      credential: 'session',
      authMethods: ['pwd'],
      stepUpSatisfied: false,
    });
    // The tokens stay in session-service: the browser holds one cookie that no script can read.
    expect(web.jar.cookies().find((cookie) => cookie.name === SESSION_COOKIE)).toMatchObject({
      hostOnly: true,
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
    });
    expect(web.jar.scriptCookies(new URL(gatewayUrl))).not.toContain(`${SESSION_COOKIE}=`);

    const page = new Browser(gatewayUrl, origin, web);
    const current = await page.adoptSession();
    expect(current.session).toMatchObject({ userId: DEV_USERS.player.id, current: true });
    const gameId = ok(await page.api.POST('/api/v1/games', { body: { theme: THEME } })).id;
    const path = { params: { path: { id: gameId } } };
    let score = 0;
    for (let turn = 0; turn < 3; turn += 1) {
      const served = ok(await page.api.GET('/api/v1/games/{id}/question', path));
      const answer = FIXTURE.find((question) => question.text === served.text)?.answer ?? '';
      if (turn === 0) {
        const wrong = ok(
          await page.api.POST('/api/v1/games/{id}/answers', { ...path, body: { answer: 'no' } }),
        );
        expect(wrong).toMatchObject({ correct: false, attemptsLeft: 2 });
        expect(ok(await page.api.POST('/api/v1/games/{id}/hint', path)).hint).not.toBe('');
      }
      const right = ok(await page.api.POST('/api/v1/games/{id}/answers', { ...path, body: { answer } }));
      score = right.score;
      expect(right).toMatchObject({ correct: true, settled: true });
    }
    expect(score).toBe(5);
    const finished = ok(await page.api.POST('/api/v1/games/{id}/finish', path));
    expect(finished).toMatchObject({ status: 'finished', score, questionsAnswered: 3 });
    const board = ok(await page.api.GET('/api/v1/leaderboard'));
    expect(board.items).toContainEqual(expect.objectContaining({ userId: DEV_USERS.player.id, score }));
    expect(page.bearerRequestsAfterSignIn).toEqual([]);

    const cookie = page.sessionCookie ?? '';
    expect(web.cookie(provider.url, PROVIDER_SESSION_COOKIE)).toBeDefined();
    const signedOut = await web.request(`${gatewayUrl}${AUTH_PATHS.signOut}`, {
      method: 'POST',
      headers: { origin, 'x-csrf-token': page.csrfToken ?? '' },
    });
    expect(signedOut.response.status).toBe(200);
    const { endSessionUrl } = await jsonOf(signedOut);
    expect(page.sessionCookie).toBeUndefined();
    expect(await withOldCookie(`${gatewayUrl}${AUTH_PATHS.me}`, cookie)).toEqual({
      status: 401,
      code: 'SESSION_INVALID',
    });
    expect(await withOldCookie(`${gatewayUrl}/api/v1/sessions/current`, cookie)).toMatchObject({
      status: 401,
    });
    expect((await page.api.GET('/api/v1/me')).response.status).toBe(401);

    // The end-session URL signs the browser out at the provider too, and sends it back to the site.
    const confirmation = await web.follow(String(endSessionUrl));
    const logout = formWithField(await confirmation.response.text(), confirmation.url, 'xsrf');
    if (logout === undefined) throw new Error(`no logout confirmation at ${confirmation.url.href}`);
    const back = await web.submit(
      logout,
      {},
      { submitter: 'logout', stopBefore: (url) => url.origin === origin },
    );
    expect(back.response.headers.get('location')).toBe(`${origin}/`);
    expect(web.cookie(provider.url, PROVIDER_SESSION_COOKIE)).toBeUndefined();
    const next = await web.follow(signInUrl());
    expect(formWithField(await next.response.text(), next.url, 'password')).toBeDefined();
  });
});

/** Long enough for the callback to hand session-service a token that is still valid. */
const ACCESS_TOKEN_TTL_SECONDS = 3;
/** Past an expiry, with the services allowing no clock skew: a request then needs a renewed token. */
const PAST_EXPIRY_MS = 300;

const redisUrl = await findTestRedis();
const redisKeyPrefix = testKeyPrefix('e2e-sign-in');
/** Where sessions are kept: in session-service's memory, and as deployed, in Redis on PostgreSQL. */
interface SessionStore {
  readonly store: string;
  readonly dialect: DatabaseDialect;
  readonly env: EnvSource;
}
function sessionStores(): SessionStore[] {
  const stores: SessionStore[] = [{ store: 'in memory, on SQLite', dialect: 'sqlite', env: {} }];
  if (redisUrl !== null && testDialects().includes('postgres')) {
    const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisKeyPrefix };
    stores.push({ store: 'in Redis, on PostgreSQL', dialect: 'postgres', env });
  }
  return stores;
}

/**
 * Access tokens of a few seconds: each request through the gateway after one expired is served
 * with a token session-service renewed with the refresh token, the browser none the wiser. The
 * waits are for real expiries at the provider; nothing is timed.
 */
describe.each(sessionStores())(
  'a session across the expiries of its access tokens, sessions $store',
  ({ dialect, env }) => {
    let platform: RunningPlatform;
    let gatewayUrl: string;

    beforeAll(async () => {
      platform = await startPlatform({
        dialect,
        identity: { accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS },
        env: { AUTH_CLOCK_TOLERANCE_SECONDS: '0' },
        serviceEnv: { session: env, gateway: env },
      });
      gatewayUrl = platform.gatewayUrl;
    });

    afterAll(async () => {
      await platform?.stop();
      if (redisUrl !== null) await deleteKeys(redisUrl, redisKeyPrefix);
    });

    it('keeps serving the same session, each request after an expiry on a renewed token', async () => {
      const web = new TestBrowser();
      await signIn(web, { start: `${gatewayUrl}${AUTH_PATHS.signIn}`, user: DEV_USERS.player });
      // Every token so far was issued before this moment.
      let issuedBy = Date.now();
      const page = new Browser(gatewayUrl, new URL(gatewayUrl).origin, web);
      const { session } = await page.adoptSession();
      const cookie = page.sessionCookie;

      for (let expiry = 1; expiry <= 2; expiry += 1) {
        await sleep(issuedBy + ACCESS_TOKEN_TTL_SECONDS * 1000 + PAST_EXPIRY_MS - Date.now());
        expect(ok(await page.api.GET('/api/v1/me'))).toMatchObject({ id: DEV_USERS.player.id });
        const displayName = `Pat ${expiry}`;
        const renamed = await page.api.PATCH('/api/v1/me', { body: { displayName } });
        expect(ok(renamed)).toMatchObject({ id: DEV_USERS.player.id, displayName });
        expect(ok(await page.api.GET('/api/v1/sessions/current')).session.id).toBe(session.id);
        issuedBy = Date.now();
      }
      expect(page.sessionCookie).toBe(cookie);
    });
  },
);
