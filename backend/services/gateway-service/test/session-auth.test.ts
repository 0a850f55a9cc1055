import { type ResolvedSession, SESSION_COOKIE_MAX_LENGTH } from '@know-foolery/session-service/contract';
import { createServiceTokenSource } from '@know-foolery/shared/auth';
import type { ServiceClient } from '@know-foolery/shared/http-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { httpSessionDirectory } from '../src/clients/session-client.js';
import { auth, type Gateway, gatewayDeps } from './harness.js';
import { type SessionServiceStub, sessionServiceClient, startSessionServiceStub } from './session-stub.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const WEB_ORIGIN = 'https://play.example.org';
const COOKIE = 'signed-session-id-of-carol';
const CSRF_TOKEN = 'csrf-token-of-carol';

function issuer() {
  if (auth.issuer === null) throw new Error('the test auth cannot issue tokens');
  return auth.issuer;
}

function gatewayWith(
  stubs: UpstreamStubs,
  sessionServiceUrl: string,
): { gateway: Gateway; client: ServiceClient } {
  const client = sessionServiceClient(sessionServiceUrl);
  const urls = { ...stubs.urls, session: sessionServiceUrl };
  const gateway = buildApp({
    ...gatewayDeps({ ...stubs, urls }),
    sessions: httpSessionDirectory(client, createServiceTokenSource(issuer(), 'gateway')),
  });
  return { gateway, client };
}

describe('the gateway with session cookies', () => {
  let stubs: UpstreamStubs;
  let sessionService: SessionServiceStub;
  let gateway: Gateway;
  let client: ServiceClient;
  let carol: ResolvedSession;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    sessionService = await startSessionServiceStub();
    ({ gateway, client } = gatewayWith(stubs, sessionService.url));
    await gateway.ready();
    const issued = await issuer().issueToken({ subject: 'carol', roles: ['player'], name: 'Carol' });
    carol = {
      handle: 'h'.repeat(43),
      userId: 'carol',
      roles: ['player'],
      name: 'Carol',
      accessToken: issued.accessToken,
      csrfToken: CSRF_TOKEN,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      authMethods: ['mock'],
      authenticatedAt: new Date().toISOString(),
    };
  });

  afterAll(async () => {
    await gateway.close();
    await client.close();
    await sessionService.close();
    await stubs.close();
  });

  beforeEach(() => {
    stubs.seen.length = 0;
    sessionService.seen.length = 0;
    sessionService.sessions.clear();
    sessionService.sessions.set(COOKIE, carol);
    sessionService.revocations.clear();
    sessionService.storeDown = false;
    sessionService.revocationStatus = null;
  });

  const seenBy = (upstream: string) => stubs.seen.filter((request) => request.upstream === upstream);
  const internalCalls = () => sessionService.seen.filter((request) => request.url.startsWith('/internal/'));

  describe('resolving the cookie', () => {
    it("sends the session's access token on as the bearer token, and the cookie to no other service", async () => {
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/games/g1',
        headers: { cookie: `theme=dark; kf_session=${COOKIE}` },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ upstream: 'game', url: '/api/v1/games/g1' });
      const [forwarded] = seenBy('game');
      expect(forwarded?.headers.authorization).toBe(`Bearer ${carol.accessToken}`);
      expect(forwarded?.headers.cookie).toBeUndefined();
    });

    it('asks session-service as the gateway, with the cookie value alone and the request id', async () => {
      await gateway.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: `kf_session=${COOKIE}`, 'x-request-id': 'trace-cookie' },
      });
      const [resolve] = internalCalls();
      expect(resolve).toMatchObject({ method: 'POST', url: '/internal/v1/sessions/resolve' });
      expect(resolve?.headers['x-request-id']).toBe('trace-cookie');
      expect(resolve?.headers.cookie).toBeUndefined();
      const caller = await auth.provider.verifyAccessToken(
        String(resolve?.headers.authorization).replace('Bearer ', ''),
      );
      expect(caller).toMatchObject({ id: 'service:gateway', roles: ['service'] });
    });

    it('reads the __Host- cookie before the plain one, which a sibling subdomain could have planted', async () => {
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: `kf_session=planted; __Host-kf_session=${COOKIE}` },
      });
      expect(response.statusCode).toBe(200);
      expect(seenBy('user')[0]?.headers.authorization).toBe(`Bearer ${carol.accessToken}`);
    });

    it('forwards the Cookie header to session-service, which owns the cookie', async () => {
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/sessions/current',
        headers: { cookie: `kf_session=${COOKIE}` },
      });
      expect(response.statusCode).toBe(200);
      const proxied = sessionService.seen.find((request) => request.url === '/api/v1/sessions/current');
      expect(proxied?.headers.cookie).toBe(`kf_session=${COOKIE}`);
      expect(proxied?.headers.authorization).toBe(`Bearer ${carol.accessToken}`);
    });

    it('leaves the cookie alone on a public route, and strips it there too', async () => {
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/themes',
        headers: { cookie: 'kf_session=not-a-session' },
      });
      expect(response.statusCode).toBe(200);
      expect(internalCalls()).toEqual([]);
      expect(seenBy('question')[0]?.headers.cookie).toBeUndefined();
      expect(seenBy('question')[0]?.headers.authorization).toBeUndefined();
    });

    it('prefers a bearer token to the cookie, and checks its revocation mark instead', async () => {
      const bearer = await auth.bearer('dave', ['player']);
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: bearer, cookie: `kf_session=${COOKIE}` },
      });
      expect(response.statusCode).toBe(200);
      expect(seenBy('user')[0]?.headers.authorization).toBe(bearer);
      expect(internalCalls().map((request) => request.url)).toEqual(['/internal/v1/revocations/dave']);
    });

    it.each([
      ['an unknown cookie', 'kf_session=forged.value.mac'],
      ['an empty cookie', 'kf_session='],
      ['a cookie longer than any session-service signs', `kf_session=${'a'.repeat(513)}`],
    ])('answers 401 SESSION_INVALID problem+json for %s', async (_case, cookie) => {
      const response = await gateway.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 401, code: 'SESSION_INVALID' });
      expect(seenBy('user')).toEqual([]);
    });

    it('refuses an empty or over-long cookie with 401 SESSION_INVALID without asking session-service', async () => {
      for (const cookie of ['', 'c'.repeat(SESSION_COOKIE_MAX_LENGTH + 1)]) {
        const response = await gateway.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: { cookie: `kf_session=${cookie}` },
        });
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ code: 'SESSION_INVALID' });
      }
      expect(internalCalls()).toEqual([]);
      expect(seenBy('user')).toEqual([]);
    });

    it('resolves a cookie of the longest length allowed', async () => {
      const longest = 'c'.repeat(SESSION_COOKIE_MAX_LENGTH);
      sessionService.sessions.set(longest, carol);
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: `kf_session=${longest}` },
      });
      expect(response.statusCode).toBe(200);
    });

    it('answers 401 UNAUTHENTICATED, as before, without any credentials', async () => {
      const response = await gateway.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'a=b' } });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('UNAUTHENTICATED');
      expect(internalCalls()).toEqual([]);
    });

    it('answers 503 with Retry-After while the session store is down', async () => {
      sessionService.storeDown = true;
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: `kf_session=${COOKIE}` },
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(seenBy('user')).toEqual([]);
    });
  });

  describe('CSRF', () => {
    const change = (headers: Record<string, string>) =>
      gateway.inject({
        method: 'POST',
        url: '/api/v1/games',
        headers: { cookie: `kf_session=${COOKIE}`, ...headers },
        payload: { theme: 'any' },
      });

    async function expectRefused(headers: Record<string, string>): Promise<void> {
      const response = await change(headers);
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 403, code: 'CSRF_REJECTED' });
      expect(seenBy('game')).toEqual([]);
    }

    it('lets a change through from an allowed origin with the right token', async () => {
      const response = await change({ origin: WEB_ORIGIN, 'x-csrf-token': CSRF_TOKEN });
      expect(response.statusCode).toBe(200);
      expect(seenBy('game')[0]?.headers.authorization).toBe(`Bearer ${carol.accessToken}`);
    });

    it("takes the gateway's own origin, from Origin or else from Referer", async () => {
      expect((await change({ origin: 'http://localhost', 'x-csrf-token': CSRF_TOKEN })).statusCode).toBe(200);
      const referred = await change({
        referer: 'http://localhost:80/play?game=1',
        'x-csrf-token': CSRF_TOKEN,
      });
      expect(referred.statusCode).toBe(200);
    });

    it('refuses a change without Origin or Referer', () => expectRefused({ 'x-csrf-token': CSRF_TOKEN }));

    it.each([
      'https://evil.example',
      'null',
      'https://play.example.org.evil.example',
      'http://play.example.org',
    ])('refuses a change from %s', (origin) => expectRefused({ origin, 'x-csrf-token': CSRF_TOKEN }));

    it('refuses a foreign Referer when there is no Origin', () =>
      expectRefused({ referer: 'https://evil.example/page', 'x-csrf-token': CSRF_TOKEN }));

    it('refuses a change without the CSRF token', () => expectRefused({ origin: WEB_ORIGIN }));

    it.each([
      ['another token', 'csrf-token-of-mallory'],
      ['a prefix of the token', CSRF_TOKEN.slice(0, -1)],
      ['the token and more', `${CSRF_TOKEN}x`],
      ['an empty token', ''],
    ])('refuses a change with %s', (_case, token) =>
      expectRefused({ origin: WEB_ORIGIN, 'x-csrf-token': token }),
    );

    it('checks every method that changes state', async () => {
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        const response = await gateway.inject({
          method,
          url: '/api/v1/sessions/current',
          headers: { cookie: `kf_session=${COOKIE}`, origin: 'https://evil.example' },
        });
        expect(response.statusCode, method).toBe(403);
      }
    });

    it('does not ask for a token on reads', async () => {
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/games/g1',
        headers: { cookie: `kf_session=${COOKIE}`, origin: 'https://evil.example' },
      });
      expect(response.statusCode).toBe(200);
    });

    it('does not ask a bearer token for one: a browser never sends it on its own', async () => {
      const response = await gateway.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        headers: { authorization: await auth.bearer('carol', ['player']), cookie: `kf_session=${COOKIE}` },
        payload: { client: 'web' },
      });
      expect(response.statusCode).toBe(200);
      const opened = sessionService.seen.find((request) => request.url === '/api/v1/sessions');
      expect(opened?.headers.cookie).toBe(`kf_session=${COOKIE}`);
    });
  });

  describe('revoked bearer tokens', () => {
    it('refuses a token issued before its user’s revocation mark with 401 TOKEN_REVOKED', async () => {
      const bearer = await auth.bearer('erin', ['player']);
      sessionService.revocations.set('erin', new Date(Date.now() + 1_000));
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: bearer },
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
      expect(response.json()).toMatchObject({ status: 401, code: 'TOKEN_REVOKED' });
      expect(seenBy('user')).toEqual([]);
    });

    it('lets a token issued after the mark through, and other users’ tokens', async () => {
      sessionService.revocations.set('erin', new Date(Date.now() - 10_000));
      sessionService.revocations.set('frank', new Date(Date.now() + 10_000));
      for (const subject of ['erin', 'gina']) {
        const bearer = await auth.bearer(subject, ['player']);
        const response = await gateway.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: { authorization: bearer },
        });
        expect(response.statusCode, subject).toBe(200);
      }
    });

    it('asks for the mark of the user the token names, as the gateway', async () => {
      await gateway.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: await auth.bearer('user/with?odd#chars', ['player']) },
      });
      const [asked] = internalCalls();
      expect(asked?.url).toBe('/internal/v1/revocations/user%2Fwith%3Fodd%23chars');
      const caller = await auth.provider.verifyAccessToken(String(asked?.headers.authorization).slice(7));
      expect(caller.id).toBe('service:gateway');
    });

    it('does not ask for a cookie’s token: its session was checked instead', async () => {
      await gateway.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `kf_session=${COOKIE}` } });
      expect(internalCalls().map((request) => request.url)).toEqual(['/internal/v1/sessions/resolve']);
    });

    it('lets a token issued in the very millisecond of the mark through: only older ones are refused', async () => {
      const bearer = await auth.bearer('erin', ['player']);
      const claims: unknown = JSON.parse(Buffer.from(bearer.split('.')[1] ?? '', 'base64url').toString());
      const issuedAt = typeof claims === 'object' && claims !== null && 'iat' in claims ? claims.iat : null;
      if (typeof issuedAt !== 'number') throw new Error('the token carries no iat');
      sessionService.revocations.set('erin', new Date(issuedAt * 1000));
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: bearer },
      });
      expect(response.statusCode).toBe(200);
    });

    it.each([400, 403, 404])(
      'never lets a token through when session-service refuses the lookup itself (%i), and answers 500, its own failure',
      async (status) => {
        sessionService.revocationStatus = status;
        const bearer = await auth.bearer('erin', ['player']);
        const response = await gateway.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: { authorization: bearer },
        });
        expect(response.statusCode).toBe(500);
        expect(response.json()).toMatchObject({
          code: 'INTERNAL_ERROR',
          detail: 'an unexpected error occurred',
        });
        expect(seenBy('user')).toEqual([]);
      },
    );

    it('lets bearer tokens through while the session store is down', async () => {
      sessionService.storeDown = true;
      const bearer = await auth.bearer('erin', ['player']);
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: bearer },
      });
      expect(response.statusCode).toBe(200);
      expect(internalCalls()).toHaveLength(1);
    });
  });
});

describe('the gateway while session-service is unreachable', () => {
  let stubs: UpstreamStubs;
  let gateway: Gateway;
  let client: ServiceClient;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    ({ gateway, client } = gatewayWith(stubs, 'http://127.0.0.1:1'));
    await gateway.ready();
  });

  afterAll(async () => {
    await gateway.close();
    await client.close();
    await stubs.close();
  });

  it('still serves bearer tokens, unchecked against revocation marks', async () => {
    const response = await gateway.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: await auth.bearer('hank', ['player']) },
    });
    expect(response.statusCode).toBe(200);
  });

  it('answers a cookie with 503 UPSTREAM_UNAVAILABLE and Retry-After', async () => {
    const response = await gateway.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `kf_session=${COOKIE}` },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('UPSTREAM_UNAVAILABLE');
    expect(response.headers['retry-after']).toBeDefined();
  });
});
