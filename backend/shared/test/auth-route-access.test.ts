import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthProvider,
  adminAccess,
  allowRoles,
  authenticatedUser,
  authentication,
  isAllowed,
  MAX_TOKEN_LENGTH,
  playerAccess,
  publicAccess,
  readBearerToken,
  serviceAccess,
} from '../src/auth/index.js';
import { AppError } from '../src/errors/index.js';
import { createServiceApp, type ServiceApp } from '../src/http-server/index.js';
import { testAuth } from '../src/testing/tokens.js';

const auth = testAuth();
const CHALLENGE = 'Bearer realm="know-foolery"';

function refusalOf(header: string | undefined): AppError {
  try {
    readBearerToken(header);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${header} was read as a token`);
}

describe('reading the Authorization header', () => {
  it.each([undefined, '', '   '])('asks for a token when the header is %j', (header) => {
    const refusal = refusalOf(header);
    expect(refusal).toMatchObject({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: 'a bearer token is required',
    });
    expect(refusal.headers).toEqual({ 'www-authenticate': CHALLENGE });
  });

  it('reads the token of "Bearer <jwt>", whatever the case of the scheme and the spaces around it', () => {
    expect(readBearerToken('Bearer a1.b2.c3')).toBe('a1.b2.c3');
    expect(readBearerToken('  bearer a1.b2.c3 ')).toBe('a1.b2.c3');
  });

  it.each(['xBearer a1.b2.c3', 'Bearer a1.b2.c3 and more', 'Basic dXNlcjpwYXNz'])(
    'refuses %j, saying why in the challenge',
    (header) => {
      const refusal = refusalOf(header);
      const description = 'the Authorization header must be "Bearer <jwt>"';
      expect(refusal.message).toBe(description);
      expect(refusal.headers).toEqual({
        'www-authenticate': `${CHALLENGE}, error="invalid_token", error_description="${description}"`,
      });
    },
  );

  it('reads a token as long as the limit, and refuses one character more without parsing it', () => {
    const atLimit = `a.b.${'c'.repeat(MAX_TOKEN_LENGTH - 4)}`;
    expect(readBearerToken(`Bearer ${atLimit}`)).toBe(atLimit);
    expect(refusalOf(`Bearer ${atLimit}c`).message).toBe('the token is too long');
  });
});

describe('the rule of who may call', () => {
  const user = (roles: readonly ('player' | 'admin' | 'service')[]) => ({
    id: 'u',
    roles,
    name: null,
    issuedAt: new Date(0),
    expiresAt: new Date(3_600_000),
  });

  it('lets anybody through a public route, and a caller through a route one of whose roles it holds', () => {
    expect(isAllowed(user([]), publicAccess)).toBe(true);
    expect(isAllowed(user(['admin']), playerAccess)).toBe(true);
    expect(isAllowed(user(['player']), adminAccess)).toBe(false);
    expect(isAllowed(user(['service']), serviceAccess)).toBe(true);
    expect(isAllowed(user(['player']), serviceAccess)).toBe(false);
    expect(isAllowed(user(['service']), allowRoles('service', 'admin'))).toBe(true);
    expect(isAllowed(user(['player']), allowRoles('service', 'admin'))).toBe(false);
  });
});

describe('authentication on the routes of a service', () => {
  let app: ServiceApp;

  beforeAll(async () => {
    app = createServiceApp({ service: 'probe-service', version: 'test', auth: auth.provider });
    app.get('/open', { config: { auth: publicAccess } }, async (request) => ({
      user: request.user,
      bearerToken: request.bearerToken,
    }));
    app.get('/open/whoami', { config: { auth: publicAccess } }, async (request) =>
      authenticatedUser(request),
    );
    app.get('/players', { config: { auth: playerAccess } }, async (request) => ({
      user: authenticatedUser(request),
      bearerToken: request.bearerToken,
    }));
    app.get('/staff', { config: { auth: allowRoles('service', 'admin') } }, async () => ({ ok: true }));
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  const call = (url: string, authorization?: string) =>
    app.inject({
      method: 'GET',
      url,
      ...(authorization === undefined ? {} : { headers: { authorization } }),
    });

  it('opens a public route to anybody, reading no header, with no caller', async () => {
    const response = await call('/open', 'Bearer not-even-a-token');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: null, bearerToken: null });
    expect((await call('/open/whoami')).statusCode).toBe(401);
  });

  it('hands a protected route the verified caller and the token it came with', async () => {
    const authorization = await auth.bearer('alice', ['player'], 'Alice');
    const response = await call('/players', authorization);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      user: {
        id: 'alice',
        roles: ['player'],
        name: 'Alice',
        issuedAt: expect.any(String),
        expiresAt: expect.any(String),
      },
      bearerToken: authorization.slice('Bearer '.length),
    });
  });

  it('answers a missing token 401 with the bare challenge, and an invalid one with the reason', async () => {
    const missing = await call('/players');
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe(CHALLENGE);
    expect(missing.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'a bearer token is required' });
    const tampered = await call('/players', `${await auth.bearer('alice', ['player'])}x`);
    expect(tampered.headers['www-authenticate']).toBe(
      `${CHALLENGE}, error="invalid_token", error_description="the token signature is invalid"`,
    );
  });

  it('answers a caller without the role 403, naming the roles the route takes', async () => {
    const response = await call('/staff', await auth.bearer('alice', ['player']));
    expect(response.statusCode).toBe(403);
    expect(response.headers['www-authenticate']).toBe(`${CHALLENGE}, error="insufficient_scope"`);
    expect(response.json()).toMatchObject({
      code: 'FORBIDDEN',
      detail: 'this action requires the service or admin role',
    });
  });
});

describe('the authentication plugin', () => {
  const failing: AuthProvider = {
    kind: 'mock',
    verifyAccessToken: () => Promise.reject(new Error('the identity provider is down')),
  };

  it('refuses to start with a route that does not say who may call it, outside the public prefixes', async () => {
    const app = Fastify();
    await app.register(authentication, { provider: auth.provider, publicPathPrefixes: ['/docs'] });
    app.get('/docs/json', async () => ({ ok: true }));
    expect(() => app.get('/games', async () => ({ ok: true }))).toThrow(
      'route GET /games must declare config.auth',
    );
    await app.close();
  });

  it('serves a route under a public prefix, and answers a path no route takes, without asking for a token', async () => {
    const app = Fastify();
    await app.register(authentication, { provider: auth.provider, publicPathPrefixes: ['/docs'] });
    app.get('/docs/json', async () => ({ ok: true }));
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/nowhere' })).statusCode).toBe(404);
    await app.close();
  });

  it('refuses a route without auth when there are no public prefixes at all', async () => {
    const app = Fastify();
    await app.register(authentication, { provider: auth.provider });
    expect(() => app.get('/docs/json', async () => ({ ok: true }))).toThrow(/must declare config.auth/);
    await app.close();
  });

  it('lets an error of the provider that is no verdict on the token through as a failure, not a 401', async () => {
    const app = createServiceApp({ service: 'probe-service', version: 'test', auth: failing });
    app.get('/players', { config: { auth: playerAccess } }, async () => ({ ok: true }));
    const response = await app.inject({
      method: 'GET',
      url: '/players',
      headers: { authorization: 'Bearer a.b.c' },
    });
    expect(response.statusCode).toBe(500);
    await app.close();
  });
});
