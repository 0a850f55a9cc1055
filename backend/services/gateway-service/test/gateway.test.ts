import { createAuth } from '@know-foolery/shared/auth';
import { EnvReader, readAuthConfig } from '@know-foolery/shared/config';
import { badTokens, TEST_AUTH_CONFIG } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { auth, gatewayDeps } from './harness.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const CLOSED_PORT_URL = 'http://127.0.0.1:1';

describe('gateway', () => {
  let stubs: UpstreamStubs;
  let gateway: ReturnType<typeof buildApp>;
  let player: string;
  let admin: string;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    gateway = buildApp(gatewayDeps(stubs));
    await gateway.ready();
    [player, admin] = await Promise.all([auth.bearer('alice', ['player']), auth.bearer('root', ['admin'])]);
  });

  afterAll(async () => {
    await gateway.close();
    await stubs.close();
  });

  beforeEach(() => {
    stubs.seen.length = 0;
  });

  it.each([
    ['/api/v1/themes', 'question', undefined],
    ['/api/v1/games/abc/question?x=1', 'game', 'player'],
    ['/api/v1/leaderboard?period=week', 'leaderboard', 'player'],
    ['/api/v1/leaderboard/me', 'leaderboard', 'player'],
    ['/api/v1/me', 'user', 'player'],
    ['/api/v1/sessions/s1', 'session', 'player'],
    ['/api/v1/admin/questions', 'admin', 'admin'],
  ])('routes %s to %s-service with the path, token and request id intact', async (url, upstream, role) => {
    const authorization = role === 'admin' ? admin : role === 'player' ? player : undefined;
    const response = await gateway.inject({
      method: 'GET',
      url,
      headers: { 'x-request-id': 'trace-123', ...(authorization ? { authorization } : {}) },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ upstream, url });
    expect(stubs.seen).toHaveLength(1);
    expect(stubs.seen[0]?.headers['x-request-id']).toBe('trace-123');
    expect(stubs.seen[0]?.headers.authorization).toBe(authorization);
  });

  it.each(['/internal/questions/draw', '/api/v1/nothing', '/api/v2/games'])(
    'answers 404 problem+json for %s',
    async (url) => {
      const response = await gateway.inject({
        method: 'POST',
        url,
        headers: { authorization: admin },
        payload: {},
      });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('ROUTE_NOT_FOUND');
      expect(stubs.seen).toHaveLength(0);
    },
  );

  it('sends the security headers', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/health/live' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('sends the security and CORS headers with a refusal too, so a browser can read it', async () => {
    const response = await gateway.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { origin: 'https://play.example.org' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['access-control-allow-origin']).toBe('https://play.example.org');
  });

  it('allows only the configured origins', async () => {
    const preflight = (origin: string) =>
      gateway.inject({
        method: 'OPTIONS',
        url: '/api/v1/me',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight('https://play.example.org');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://play.example.org');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const refused = await preflight('https://evil.example.com');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('issues development tokens that the platform accepts, never the service role', async () => {
    const issued = await gateway.inject({
      method: 'POST',
      url: '/api/v1/dev/token',
      payload: { sub: 'dora', roles: ['player'], name: 'Dora' },
    });
    expect(issued.statusCode).toBe(201);
    const user = await auth.provider.verifyAccessToken(issued.json().accessToken);
    expect(user).toMatchObject({ id: 'dora', roles: ['player'], name: 'Dora' });
    for (const payload of [
      { sub: 'x', roles: ['service'] },
      { sub: 'x', roles: ['player'], extra: 1 },
      { sub: '', roles: ['player'] },
    ]) {
      const refused = await gateway.inject({
        method: 'POST',
        url: '/api/v1/dev/token',
        payload,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('issues a development token for a name of 50 emoji, counted as 50 characters', async () => {
    const name = '🦄'.repeat(50);
    const issued = await gateway.inject({
      method: 'POST',
      url: '/api/v1/dev/token',
      payload: { sub: 'unicorn', roles: ['player'], name },
    });
    expect(issued.statusCode).toBe(201);
    expect(await auth.provider.verifyAccessToken(issued.json().accessToken)).toMatchObject({ name });
  });

  it('limits answers per player and says when to retry', async () => {
    const other = await auth.bearer('bob', ['player']);
    const answer = () =>
      gateway.inject({
        method: 'POST',
        url: '/api/v1/games/g1/answers',
        headers: { authorization: other },
        payload: { answer: 'x' },
      });
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await answer()).statusCode).toBe(200);
    const limited = await answer();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const otherRoute = await gateway.inject({
      method: 'GET',
      url: '/api/v1/games/g1',
      headers: { authorization: other },
    });
    expect(otherRoute.statusCode).toBe(200);
  });

  it('refuses a body above the limit before it reaches a service', async () => {
    const response = await gateway.inject({
      method: 'POST',
      url: '/api/v1/games',
      headers: { authorization: player, 'content-type': 'application/json' },
      payload: JSON.stringify({ theme: 'x'.repeat(2_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(stubs.seen).toHaveLength(0);
  });

  it('serves one OpenAPI document of the public API and the docs page', async () => {
    const document = await gateway.inject({ method: 'GET', url: '/docs/json' });
    expect(document.statusCode).toBe(200);
    // Only the services' own operations and the gateway's: none of its proxies (`/api/v1/games/{*}`).
    expect(Object.keys(document.json().paths)).toEqual([
      '/api/v1/admin-things',
      '/api/v1/dev/token',
      '/api/v1/game-things',
      '/api/v1/leaderboard-things',
      '/api/v1/question-things',
      '/api/v1/session-things',
      '/api/v1/user-things',
    ]);
    expect(document.json().components.securitySchemes.bearerAuth.scheme).toBe('bearer');
    const page = await gateway.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const yaml = await gateway.inject({ method: 'GET', url: '/docs/yaml' });
    expect(yaml.body).toContain('/api/v1/game-things');
    expect((await gateway.inject({ method: 'GET', url: '/openapi.json' })).json().code).toBe(
      'ROUTE_NOT_FOUND',
    );
  });

  it('is ready when every service is', async () => {
    const ready = await gateway.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(Object.keys(ready.json().checks)).toHaveLength(6);
  });

  describe('the auth matrix at the edge', async () => {
    const families = [
      ['POST', '/api/v1/games'],
      ['POST', '/api/v1/games/g1/answers'],
      ['GET', '/api/v1/leaderboard'],
      ['PATCH', '/api/v1/me'],
      ['POST', '/api/v1/sessions'],
      ['POST', '/api/v1/admin/questions'],
    ] as const;
    const tokens: readonly (readonly [string, string | undefined])[] = [
      ['no token', undefined],
      ...(await badTokens()),
    ];

    it.each(
      families.flatMap(([method, url]) =>
        tokens.map(([reason, authorization]) => [method, url, reason, authorization] as const),
      ),
    )('%s %s with %s → 401 and nothing reaches the service', async (method, url, _reason, authorization) => {
      const response = await gateway.inject({
        method,
        url,
        headers: authorization ? { authorization } : {},
        payload: { answer: 'x' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(response.json().code).toBe('UNAUTHENTICATED');
      expect(stubs.seen).toHaveLength(0);
    });

    it('refuses a player on an admin route with 403', async () => {
      const response = await gateway.inject({
        method: 'POST',
        url: '/api/v1/admin/questions',
        headers: { authorization: player },
        payload: {},
      });
      expect(response.statusCode).toBe(403);
      expect(response.headers['www-authenticate']).toContain('insufficient_scope');
      expect(stubs.seen).toHaveLength(0);
    });
  });
});

describe('gateway with services down', () => {
  it('answers 503 problem+json for a route whose service is down, and is not ready', async () => {
    const stubs = await startUpstreamStubs();
    const gateway = buildApp(gatewayDeps(stubs, { upstreams: { ...stubs.urls, game: CLOSED_PORT_URL } }));
    try {
      const response = await gateway.inject({
        method: 'GET',
        url: '/api/v1/games/g1',
        headers: { authorization: await auth.bearer('a', ['player']) },
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('UPSTREAM_UNAVAILABLE');
      const ready = await gateway.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks['game-service'].status).toBe('down');
    } finally {
      await gateway.close();
      await stubs.close();
    }
  });
});

describe('gateway configuration', () => {
  it('limits each address to ten times what one player may send, by default', () => {
    expect(loadConfig({}).rateLimit).toMatchObject({ addressMax: 6_000, max: 600 });
    expect(loadConfig({ RATE_LIMIT_ADDRESS_MAX: '20000' }).rateLimit.addressMax).toBe(20_000);
  });

  it('calls session-service with the platform-wide service call settings', () => {
    const config = loadConfig({ SERVICE_CALL_TIMEOUT_MS: '500', SERVICE_CALL_RETRIES: '1' });
    expect(config.client).toMatchObject({ timeoutMs: 500, retries: 1 });
  });

  it('has no development token route in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: TEST_AUTH_CONFIG.jwtSecret });
    expect(config.auth.devTokensEnabled).toBe(false);
    expect(config.corsOrigins).toEqual([]);
  });

  it.each([
    [{ CORS_ORIGINS: '*' }, /CORS_ORIGINS: must list origins/],
    [{ CORS_ORIGINS: 'not a url' }, /CORS_ORIGINS: expected origins/],
    [{ CORS_ORIGINS: 'https://a.example/path' }, /CORS_ORIGINS: expected origins/],
    [{ RATE_LIMIT_MAX: '0' }, /RATE_LIMIT_MAX: expected an integer from 1/],
    [{ RATE_LIMIT_ADDRESS_MAX: 'many' }, /RATE_LIMIT_ADDRESS_MAX: expected an integer/],
    [{ RATE_LIMIT_ADDRESS_MAX: '599' }, /RATE_LIMIT_ADDRESS_MAX: must be at least RATE_LIMIT_MAX \(600\)/],
    [
      { RATE_LIMIT_MAX: '100', RATE_LIMIT_ADDRESS_MAX: '99' },
      /RATE_LIMIT_ADDRESS_MAX: must be at least RATE_LIMIT_MAX \(100\)/,
    ],
    [{ GAME_SERVICE_URL: 'ftp://x' }, /GAME_SERVICE_URL: expected a http: or https: URL/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('builds without a dev token route when none is allowed', async () => {
    const stubs = await startUpstreamStubs();
    const gateway = buildApp({ ...gatewayDeps(stubs), devTokenIssuer: null });
    try {
      const response = await gateway.inject({
        method: 'POST',
        url: '/api/v1/dev/token',
        payload: { sub: 'x', roles: ['player'] },
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await gateway.close();
      await stubs.close();
    }
  });

  it('reads the default auth settings the platform runs with', () => {
    expect(createAuth(readAuthConfig(new EnvReader({}))).issuer).not.toBeNull();
  });
});
