import { DEV_USERS } from '@know-foolery/dev-identity';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_PATHS } from '../src/contract/auth.js';
import { PUBLIC_GATEWAY, type SignInPlatform, startSignInPlatform } from './auth-platform.js';
import {
  ADMIN,
  browserFor,
  createSingleFactorAdmin,
  isCallback,
  loginForm,
  PLAYER,
  signIn,
  signInFrom,
  tokensOutsideTheGateway,
} from './auth-sign-in-helpers.js';

const CALLBACK = `${PUBLIC_GATEWAY}${AUTH_PATHS.callback}`;
const PENDING = 'kf_sign_in';
const SESSION = 'kf_session';

describe('signing in through the gateway with OpenID Connect', () => {
  let platform: SignInPlatform;
  let gateway: string;

  beforeAll(async () => {
    platform = await startSignInPlatform();
    gateway = platform.gateway.url;
  });

  afterAll(async () => {
    await platform?.stop();
  });

  beforeEach(() => {
    platform.stubs.seen.length = 0;
  });

  const json = async (response: Response): Promise<Record<string, unknown>> => {
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) throw new Error(`not an object: ${JSON.stringify(body)}`);
    return Object.fromEntries(Object.entries(body));
  };
  const seenByAdmin = () => platform.stubs.seen.filter((request) => request.upstream === 'admin');

  it('sends the browser to the issuer with PKCE (S256), state and nonce, kept in a sealed HttpOnly cookie', async () => {
    const browser = browserFor(gateway);
    const { response } = await browser.request(`${gateway}${AUTH_PATHS.signIn}?return_to=/play`);

    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const authorize = new URL(response.headers.get('location') ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${platform.provider.issuer}/oauth/v2/authorize`);
    const parameters = Object.fromEntries(authorize.searchParams);
    expect(parameters).toMatchObject({
      client_id: platform.provider.clients.web.clientId,
      response_type: 'code',
      redirect_uri: CALLBACK,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(parameters.scope?.split(' ')).toEqual([
      'openid',
      'profile',
      'email',
      'offline_access',
      `urn:zitadel:iam:org:project:id:${platform.provider.projectId}:aud`,
      'urn:zitadel:iam:org:projects:roles',
    ]);
    expect(parameters).not.toHaveProperty('prompt');
    const [pending] = response.headers.getSetCookie();
    expect(pending).toMatch(/^kf_sign_in=v1\.[A-Za-z0-9_-]+; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax$/);
    for (const secret of [parameters.state, parameters.nonce, parameters.code_challenge])
      expect(pending).not.toContain(secret);
  });

  it('signs the player in: the session cookie is set, `me` answers, and a service behind the gateway serves the cookie', async () => {
    const browser = browserFor(gateway);
    const landed = await signIn(browser, gateway, PLAYER, `?return_to=${AUTH_PATHS.me}`);

    expect(landed.url.href).toBe(`${gateway}${AUTH_PATHS.me}`);
    expect(landed.response.status).toBe(200);
    expect(await json(landed.response)).toEqual({
      id: DEV_USERS.player.id,
      // Zitadel's JWT access tokens carry no profile claims: the name is the ID token's.
      name: 'Pat Player',
      roles: ['player'],
      credential: 'session',
      authMethods: ['pwd'],
      authenticatedAt: expect.any(String),
      stepUpSatisfied: false,
      expiresAt: expect.any(String),
    });
    const callback = browser.history.find((visit) => visit.url.pathname === AUTH_PATHS.callback);
    expect(callback?.status).toBe(302);
    expect(callback?.setCookies).toContain('kf_sign_in=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
    expect(callback?.setCookies.find((line) => line.startsWith(`${SESSION}=`))).toMatch(
      /HttpOnly; SameSite=Lax/,
    );
    expect(browser.cookie(gateway, PENDING)).toBeUndefined();

    const sessions = await browser.request(`${gateway}/api/v1/sessions`);
    expect(sessions.response.status).toBe(200);
    expect(await json(sessions.response)).toMatchObject({ items: [{ current: true }] });
  });

  it('lands on `/` when the sign-in asked for nowhere in particular', async () => {
    const browser = browserFor(gateway);
    const atCallback = await signIn(browser, gateway, PLAYER, '', isCallback);
    const landing = await browser.request(new URL(atCallback.response.headers.get('location') ?? ''));
    expect(landing.response.status).toBe(302);
    expect(landing.response.headers.get('location')).toBe('/');
  });

  it('lands on a page of an origin in CORS_ORIGINS: the web client in development signs in and comes back to it', async () => {
    const devServerPage = 'http://localhost:5173/#/play';
    const browser = browserFor(gateway);
    const query = `?return_to=${encodeURIComponent(devServerPage)}`;
    const atCallback = await signIn(browser, gateway, PLAYER, query, isCallback);
    const landing = await browser.request(new URL(atCallback.response.headers.get('location') ?? ''));
    expect(landing.response.status).toBe(302);
    expect(landing.response.headers.get('location')).toBe(devServerPage);
    expect(browser.cookie(gateway, SESSION)).toBeDefined();
  });

  it("replaces the browser's session when it signs in again: the old cookie is ended, no session is added", async () => {
    const browser = browserFor(gateway);
    const sessionCount = async () => {
      const { items } = await json((await browser.request(`${gateway}/api/v1/sessions`)).response);
      return Array.isArray(items) ? items.length : Number.NaN;
    };
    await signIn(browser, gateway, ADMIN);
    const first = browser.cookie(gateway, SESSION) ?? '';
    const before = await sessionCount();
    await signIn(browser, gateway, ADMIN, '?step_up=1');
    expect(browser.cookie(gateway, SESSION)).not.toBe(first);

    const old = await fetch(`${gateway}${AUTH_PATHS.me}`, { headers: { cookie: `${SESSION}=${first}` } });
    expect(old.status).toBe(401);
    expect(await sessionCount()).toBe(before);
  });

  describe('admin routes', () => {
    it('refuse a session whose sign-in used no second factor: 403 STEP_UP_REQUIRED, and the service never sees it', async () => {
      const soloAdmin = await createSingleFactorAdmin(platform.provider);
      const browser = browserFor(gateway);
      const landed = await signIn(browser, gateway, soloAdmin, `?return_to=${AUTH_PATHS.me}`);
      expect(await json(landed.response)).toMatchObject({
        roles: ['player', 'admin'],
        authMethods: ['pwd'],
        stepUpSatisfied: false,
      });

      const { response } = await browser.request(`${gateway}/api/v1/admin/questions`);
      expect(response.status).toBe(403);
      expect(await json(response)).toMatchObject({
        code: 'STEP_UP_REQUIRED',
        signIn: `${AUTH_PATHS.signIn}?step_up=1`,
      });
      expect(response.headers.get('www-authenticate')).toContain('error="insufficient_user_authentication"');
      expect(seenByAdmin()).toEqual([]);
    });

    it('accept the session of a sign-in with a TOTP code (step_up=1 asks the issuer to authenticate again)', async () => {
      const browser = browserFor(gateway);
      const start = await browser.request(
        `${gateway}${AUTH_PATHS.signIn}?step_up=1&return_to=${AUTH_PATHS.me}`,
      );
      const authorize = new URL(start.response.headers.get('location') ?? '');
      expect(authorize.searchParams.get('prompt')).toBe('login');

      const landed = await signInFrom(browser, authorize, ADMIN);
      expect(await json(landed.response)).toMatchObject({
        id: DEV_USERS.admin.id,
        roles: ['player', 'admin'],
        authMethods: ['pwd', 'otp', 'mfa'],
        stepUpSatisfied: true,
      });

      const { response } = await browser.request(`${gateway}/api/v1/admin/questions`);
      expect(response.status).toBe(200);
      expect(await json(response)).toEqual({ upstream: 'admin', url: '/api/v1/admin/questions' });
      const [forwarded] = seenByAdmin();
      expect(decodeJwt(String(forwarded?.headers.authorization).replace('Bearer ', ''))).toMatchObject({
        sub: DEV_USERS.admin.id,
      });
      expect(forwarded?.headers.cookie).toBeUndefined();
    });

    it("refuse a person's bearer token, which cannot show a second factor, and serve it elsewhere", async () => {
      const { accessToken } = await tokensOutsideTheGateway(platform.provider, ADMIN);
      const admin = await fetch(`${gateway}/api/v1/admin/questions`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(admin.status).toBe(403);
      expect(await json(admin)).toMatchObject({ code: 'STEP_UP_REQUIRED' });

      const me = await fetch(`${gateway}${AUTH_PATHS.me}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(await json(me)).toMatchObject({
        id: DEV_USERS.admin.id,
        credential: 'bearer',
        authMethods: [],
        authenticatedAt: null,
        stepUpSatisfied: false,
      });
      const games = await fetch(`${gateway}/api/v1/games/g1`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(games.status).toBe(200);
      expect(seenByAdmin()).toEqual([]);
    });
  });

  describe('the callback', () => {
    it('refuses a state that is not the one this browser sent, and forgets the pending sign-in', async () => {
      const browser = browserFor(gateway);
      const atCallback = await signIn(browser, gateway, PLAYER, '', isCallback);
      const callback = new URL(atCallback.response.headers.get('location') ?? '');
      callback.searchParams.set('state', 'a-state-of-somebody-else');

      const { response } = await browser.request(callback);
      expect(response.status).toBe(400);
      expect(await json(response)).toMatchObject({ code: 'SIGN_IN_STATE_MISMATCH' });
      expect(response.headers.getSetCookie()).toEqual([
        'kf_sign_in=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
      ]);
      expect(browser.cookie(gateway, SESSION)).toBeUndefined();
    });

    it('refuses a replayed callback: without the pending cookie it is over, with a copy of it the code is spent', async () => {
      const browser = browserFor(gateway);
      const atCallback = await signIn(browser, gateway, PLAYER, '', isCallback);
      const callback = new URL(atCallback.response.headers.get('location') ?? '');
      const pending = browser.cookie(gateway, PENDING) ?? '';
      expect((await browser.request(callback)).response.status).toBe(302);

      const replayed = await browser.request(callback);
      expect(replayed.response.status).toBe(400);
      expect(await json(replayed.response)).toMatchObject({ code: 'SIGN_IN_NOT_PENDING' });

      browser.setCookie(gateway, PENDING, pending);
      const withCopiedCookie = await browser.request(callback);
      expect(withCopiedCookie.response.status).toBe(400);
      expect(await json(withCopiedCookie.response)).toMatchObject({ code: 'SIGN_IN_CODE_REJECTED' });
    });

    it("refuses a callback in a browser that started no sign-in: another person's code cannot sign it in", async () => {
      const attacker = browserFor(gateway);
      const atCallback = await signIn(attacker, gateway, PLAYER, '', isCallback);
      const callback = new URL(atCallback.response.headers.get('location') ?? '');

      const victim = browserFor(gateway);
      const { response } = await victim.request(callback);
      expect(response.status).toBe(400);
      expect(await json(response)).toMatchObject({ code: 'SIGN_IN_NOT_PENDING' });
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(victim.cookie(gateway, SESSION)).toBeUndefined();

      victim.setCookie(gateway, PENDING, `${attacker.cookie(gateway, PENDING)}x`);
      const tampered = await victim.request(callback);
      expect(await json(tampered.response)).toMatchObject({ code: 'SIGN_IN_NOT_PENDING' });
    });

    it("sends the browser on with the issuer's error, a known OAuth code only, and forgets the pending sign-in", async () => {
      const browser = browserFor(gateway);
      let page = await browser.follow(`${gateway}${AUTH_PATHS.signIn}`);
      // Five wrong passwords: the issuer ends the sign-in with access_denied.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const wrong = { username: 'player', password: 'wrong-password' };
        page = await browser.submit(await loginForm(page), wrong, { stopBefore: isCallback });
      }
      const callback = new URL(page.response.headers.get('location') ?? '');
      expect(callback.searchParams.get('error')).toBe('access_denied');

      const { response } = await browser.request(callback);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/?sign_in_error=access_denied');
      expect(response.headers.getSetCookie()).toEqual([
        'kf_sign_in=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
      ]);

      const odd = await browser.request(`${gateway}${AUTH_PATHS.callback}?error=%3Cscript%3E&state=x`);
      expect(odd.response.headers.get('location')).toBe('/?sign_in_error=server_error');
    });
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
    '/\r\nSet-Cookie: x=1',
  ])('refuses return_to=%j, which would make the sign-in an open redirect', async (returnTo) => {
    const response = await fetch(`${gateway}${AUTH_PATHS.signIn}?return_to=${encodeURIComponent(returnTo)}`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ code: 'SIGN_IN_RETURN_TO_INVALID' });
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  describe('signing out', () => {
    const origin = () => new URL(gateway).origin;

    it('needs the CSRF rules of every change made with the cookie', async () => {
      const browser = browserFor(gateway);
      await signIn(browser, gateway, PLAYER);
      const noToken = await browser.request(`${gateway}${AUTH_PATHS.signOut}`, {
        method: 'POST',
        headers: { origin: origin() },
      });
      expect(noToken.response.status).toBe(403);
      expect(await json(noToken.response)).toMatchObject({ code: 'CSRF_REJECTED' });

      const current = await json((await browser.request(`${gateway}/api/v1/sessions/current`)).response);
      const elsewhere = await browser.request(`${gateway}${AUTH_PATHS.signOut}`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'x-csrf-token': String(current.csrfToken) },
      });
      expect(elsewhere.response.status).toBe(403);
      expect((await browser.request(`${gateway}${AUTH_PATHS.me}`)).response.status).toBe(200);
    });

    it('ends the session, clears its cookie, and answers the end-session URL with the ID token as hint', async () => {
      const browser = browserFor(gateway);
      await signIn(browser, gateway, PLAYER);
      const cookie = browser.cookie(gateway, SESSION) ?? '';
      const current = await json((await browser.request(`${gateway}/api/v1/sessions/current`)).response);

      const { response } = await browser.request(`${gateway}${AUTH_PATHS.signOut}`, {
        method: 'POST',
        headers: { origin: origin(), 'x-csrf-token': String(current.csrfToken) },
      });
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()).toEqual([expect.stringMatching(/^kf_session=; Max-Age=0; /)]);
      const { endSessionUrl } = await json(response);
      const end = new URL(String(endSessionUrl));
      expect(`${end.origin}${end.pathname}`).toBe(`${platform.provider.issuer}/oidc/v1/end_session`);
      expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_GATEWAY}/`);
      expect(end.searchParams.get('client_id')).toBe(platform.provider.clients.web.clientId);
      expect(decodeJwt(end.searchParams.get('id_token_hint') ?? '')).toMatchObject({
        sub: DEV_USERS.player.id,
        aud: platform.provider.clients.web.clientId,
      });

      expect(browser.cookie(gateway, SESSION)).toBeUndefined();
      const stale = await fetch(`${gateway}${AUTH_PATHS.me}`, {
        headers: { cookie: `${SESSION}=${cookie}` },
      });
      expect(stale.status).toBe(401);
      expect(await json(stale)).toMatchObject({ code: 'SESSION_INVALID' });

      // The issuer takes the hint and the redirect: the browser signs out there too and comes back.
      const confirmation = await browser.follow(end);
      const html = await confirmation.response.text();
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '';
      const done = await browser.follow(new URL(action, confirmation.url), {
        form: { xsrf, logout: 'yes' },
        stopBefore: (url) => url.origin === PUBLIC_GATEWAY,
      });
      expect(done.response.headers.get('location')).toBe(`${PUBLIC_GATEWAY}/`);
    });

    it('answers an end-session URL without a hint, and clears the cookie, when the session is gone already', async () => {
      const signedOut = await fetch(`${gateway}${AUTH_PATHS.signOut}`, { method: 'POST' });
      expect(signedOut.status).toBe(200);
      const end = new URL(String((await json(signedOut)).endSessionUrl));
      expect(end.searchParams.has('id_token_hint')).toBe(false);

      const ended = await fetch(`${gateway}${AUTH_PATHS.signOut}`, {
        method: 'POST',
        headers: { cookie: `${SESSION}=ended-long-ago`, origin: origin() },
      });
      expect(ended.status).toBe(200);
      expect(ended.headers.getSetCookie()).toEqual([expect.stringMatching(/^kf_session=; Max-Age=0; /)]);
    });
  });

  it('documents the sign-in routes in the public API document, the browser ones open to anyone', async () => {
    const document = await json(await fetch(`${gateway}/docs/json`));
    const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
    const signInRoute = paths[AUTH_PATHS.signIn]?.get;
    expect(signInRoute).toMatchObject({ tags: ['auth'], security: [], operationId: 'signIn' });
    expect(Object.keys(signInRoute?.responses ?? {})).toEqual(expect.arrayContaining(['302', '400', '503']));
    expect(JSON.stringify(paths[AUTH_PATHS.callback]?.get?.responses)).toContain('SIGN_IN_STATE_MISMATCH');
    expect(paths[AUTH_PATHS.signOut]?.post).toMatchObject({ security: [] });
    expect(paths[AUTH_PATHS.me]?.get?.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect((document.tags as { name: string }[]).map((tag) => tag.name)).toContain('auth');
  });

  it('answers `me` 401 without credentials', async () => {
    const response = await fetch(`${gateway}${AUTH_PATHS.me}`);
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
