import type { ResolvedSession } from '@know-foolery/session-service/contract';
import { createServiceTokenSource } from '@know-foolery/shared/auth';
import type { ServiceClient } from '@know-foolery/shared/http-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { httpSessionDirectory } from '../src/clients/session-client.js';
import { loadConfig } from '../src/config.js';
import { AUTH_PATHS } from '../src/contract/auth.js';
import { signInComponents } from '../src/sign-in/components.js';
import { auth, type Gateway, gatewayDeps } from './harness.js';
import { type SessionServiceStub, sessionServiceClient, startSessionServiceStub } from './session-stub.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const COOKIE = 'signed-session-id-of-root';

function issuer() {
  if (auth.issuer === null) throw new Error('the test auth cannot issue tokens');
  return auth.issuer;
}

describe('the gateway with the mock provider, as before sign-in existed', () => {
  let stubs: UpstreamStubs;
  let sessionService: SessionServiceStub;
  let client: ServiceClient;
  let gateway: Gateway;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    sessionService = await startSessionServiceStub();
    client = sessionServiceClient(sessionService.url);
    gateway = buildApp({
      ...gatewayDeps({ ...stubs, urls: { ...stubs.urls, session: sessionService.url } }),
      sessions: httpSessionDirectory(client, createServiceTokenSource(issuer(), 'gateway')),
    });
    await gateway.ready();
    const issued = await issuer().issueToken({ subject: 'root', roles: ['admin'], name: 'Root' });
    const root: ResolvedSession = {
      handle: 'h'.repeat(43),
      userId: 'root',
      roles: ['admin'],
      name: 'Root',
      accessToken: issued.accessToken,
      csrfToken: 'csrf-of-root',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      authMethods: ['mock'],
      authenticatedAt: new Date().toISOString(),
    };
    sessionService.sessions.set(COOKIE, root);
  });

  afterAll(async () => {
    await gateway.close();
    await client.close();
    await sessionService.close();
    await stubs.close();
  });

  it('builds no sign-in from the mock configuration', () => {
    expect(
      signInComponents(loadConfig({}), createServiceTokenSource(issuer(), 'gateway'), {
        session: client,
        user: client,
      }),
    ).toBeNull();
  });

  it.each([
    ['GET', AUTH_PATHS.signIn],
    ['GET', AUTH_PATHS.callback],
    ['POST', AUTH_PATHS.signOut],
    ['GET', AUTH_PATHS.me],
  ] as const)('has no %s %s: 404', async (method, url) => {
    const response = await gateway.inject({ method, url });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('lets an admin token and an admin session onto admin routes without any second factor', async () => {
    const bearer = await gateway.inject({
      method: 'GET',
      url: '/api/v1/admin/questions',
      headers: { authorization: await auth.bearer('root', ['admin']) },
    });
    expect(bearer.statusCode).toBe(200);
    const cookie = await gateway.inject({
      method: 'GET',
      url: '/api/v1/admin/questions',
      headers: { cookie: `kf_session=${COOKIE}` },
    });
    expect(cookie.statusCode).toBe(200);
    expect(cookie.json()).toEqual({ upstream: 'admin', url: '/api/v1/admin/questions' });
  });

  it('documents neither the sign-in routes nor the step-up refusal', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/docs/json' });
    const document = response.body;
    expect(document).not.toContain('/api/v1/auth/');
    expect(document).not.toContain('STEP_UP_REQUIRED');
    expect(response.json().tags.map((tag: { name: string }) => tag.name)).not.toContain('auth');
  });
});
