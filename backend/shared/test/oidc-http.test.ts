import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuthProvider,
  adminAccess,
  createAuth,
  playerAccess,
  projectRolesClaim,
  readBearerToken,
} from '../src/auth/index.js';
import { EnvReader, readAuthConfig } from '../src/config/index.js';
import { AppError } from '../src/errors/index.js';
import { createServiceApp, type ServiceApp } from '../src/http-server/index.js';
import { testAuth } from '../src/testing/tokens.js';
import { ORG_GRANT, PROJECT_ID, TestIssuer, WEB_APP_CLIENT } from './oidc-test-issuer.js';

function probeApp(auth: AuthProvider): ServiceApp {
  const app = createServiceApp({ service: 'probe-service', version: 'test', auth });
  app.get('/for-players', { config: { auth: playerAccess } }, async () => ({ ok: true }));
  app.get('/for-admins', { config: { auth: adminAccess } }, async () => ({ ok: true }));
  return app;
}

describe('routes behind the OIDC provider', () => {
  let issuer: TestIssuer;
  let app: ServiceApp;

  beforeEach(async () => {
    issuer = await TestIssuer.start();
    const config = readAuthConfig(new EnvReader(issuer.environment()));
    app = probeApp(createAuth(config).provider);
    await app.ready();
  });

  afterEach(async () => {
    await app.close();
    await issuer.stop().catch(() => undefined);
  });

  const call = (url: string, authorization: string) =>
    app.inject({ method: 'GET', url, headers: { authorization } });

  it('lets a player in with a JWT access token, and keeps them out of an admin route', async () => {
    const bearer = `Bearer ${await issuer.sign(issuer.claims('alice'))}`;
    expect((await call('/for-players', bearer)).statusCode).toBe(200);
    const refused = await call('/for-admins', bearer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets a player in with an opaque access token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = issuer.opaque({
      active: true,
      iss: issuer.url,
      aud: [PROJECT_ID],
      sub: 'alice',
      iat: now,
      exp: now + 600,
      client_id: WEB_APP_CLIENT,
      [projectRolesClaim(PROJECT_ID)]: { player: ORG_GRANT },
    });
    expect((await call('/for-players', `Bearer ${token}`)).statusCode).toBe(200);
  });

  it('answers 401 with the reason in the challenge for a bad token', async () => {
    const response = await call('/for-players', `Bearer ${issuer.opaque({ active: false })}`);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'the token is not active' });
    expect(response.headers['www-authenticate']).toContain('error_description="the token is not active"');
  });

  it('answers 401 for a header that is no bearer token of any kind', async () => {
    const response = await call('/for-players', 'Bearer two words');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ detail: 'the Authorization header must be "Bearer <token>"' });
  });

  it('answers 503 UPSTREAM_UNAVAILABLE with Retry-After, not 401, while the issuer cannot be reached', async () => {
    const bearer = `Bearer ${await issuer.sign(issuer.claims('alice'))}`;
    await issuer.stop();
    const response = await call('/for-players', bearer);
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['retry-after']).toBe('5');
    expect(response.headers['www-authenticate']).toBeUndefined();
    expect(response.json()).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      detail: 'the identity provider cannot be reached to check the token, try again shortly',
    });
  });
});

describe('the bearer grammar of each provider', () => {
  const descriptionOf = (read: () => string): string => {
    try {
      read();
    } catch (error) {
      if (error instanceof AppError) return error.message;
      throw error;
    }
    throw new Error('the header was read as a token');
  };

  it('reads an opaque token, or a JWT, for the OIDC provider, and only a JWT for the mock', () => {
    expect(readBearerToken('Bearer abc_DEF-123~+/==', 'jwt-or-opaque')).toBe('abc_DEF-123~+/==');
    expect(readBearerToken('Bearer a1.b2.c3', 'jwt-or-opaque')).toBe('a1.b2.c3');
    expect(descriptionOf(() => readBearerToken('Bearer abc_DEF-123'))).toBe(
      'the Authorization header must be "Bearer <jwt>"',
    );
    expect(descriptionOf(() => readBearerToken('Bearer a=b', 'jwt-or-opaque'))).toBe(
      'the Authorization header must be "Bearer <token>"',
    );
  });

  it('still refuses an opaque token in the header before the mock provider sees it', async () => {
    const app = probeApp(testAuth().provider);
    await app.ready();
    const response = await app.inject({
      method: 'GET',
      url: '/for-players',
      headers: { authorization: 'Bearer not-a-jwt' },
    });
    await app.close();
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ detail: 'the Authorization header must be "Bearer <jwt>"' });
  });
});
