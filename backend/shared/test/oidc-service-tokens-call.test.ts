import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticatedUser,
  createAuth,
  publicAccess,
  serviceAccess,
  serviceIdentity,
} from '../src/auth/index.js';
import { asService, ServiceClient } from '../src/http-client/index.js';
import { createServiceApp, type ServiceApp } from '../src/http-server/index.js';
import { oidcAuthConfig, RelayedIssuer } from './oidc-service-tokens-issuer.js';

const Caller = Type.Object({ id: Type.String(), roles: Type.Array(Type.String()) });

const CLIENT_CONFIG = {
  timeoutMs: 3_000,
  retries: 0,
  breakerFailureThreshold: 5,
  breakerFirstProbeMs: 500,
  breakerResetMs: 10_000,
};

/** A receiving service: one internal route only the platform's services may call, answering who called. */
async function receivingService(
  env: ReturnType<RelayedIssuer['env']>,
): Promise<{ app: ServiceApp; url: string }> {
  const app = createServiceApp({
    service: 'user-service',
    version: 'test',
    auth: createAuth(oidcAuthConfig(env, 'user')).provider,
  });
  app.get('/internal/caller', { config: { auth: serviceAccess } }, async (request) => {
    const user = authenticatedUser(request);
    return { id: user.id, roles: [...user.roles] };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

describe('a call between services with AUTH_PROVIDER=oidc', () => {
  let issuer: RelayedIssuer;
  const stops: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    issuer = await RelayedIssuer.start(3600);
    stops.push(() => issuer.stop());
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  async function callAsGame(receiverEnv: ReturnType<RelayedIssuer['env']>) {
    const receiver = await receivingService(receiverEnv);
    stops.push(() => receiver.app.close());
    const client = new ServiceClient({ name: 'user-service', baseUrl: receiver.url, config: CLIENT_CONFIG });
    stops.push(() => client.close());
    const identity = serviceIdentity(createAuth(oidcAuthConfig(issuer.env(), 'game')), 'game');
    return client.get('/internal/caller', Caller, { context: asService({}, await identity.token()) });
  }

  it("carries the machine user's token, which the receiving service verifies with the service role", async () => {
    const response = await callAsGame(
      issuer.env({ ZITADEL_SERVICE_CLIENT_ID: '', ZITADEL_SERVICE_CLIENT_SECRET: '' }),
    );
    expect(response.body).toEqual({ id: issuer.provider.clients.machine.clientId, roles: ['service'] });
  });

  it('answers the request that needed the token 503 when the issuer cannot give one', async () => {
    const auth = createAuth(oidcAuthConfig(issuer.env(), 'game'));
    const identity = serviceIdentity(auth, 'game');
    const caller = createServiceApp({ service: 'game-service', version: 'test', auth: auth.provider });
    caller.get('/needs-own-token', { config: { auth: publicAccess } }, async () => ({
      token: await identity.token(),
    }));
    stops.push(() => caller.close());
    issuer.mode = 'drop';
    try {
      const response = await caller.inject({ method: 'GET', url: '/needs-own-token' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    } finally {
      issuer.mode = 'forward';
    }
  });

  it('is refused by a service that does not list the machine user in ZITADEL_SERVICE_USERS', async () => {
    const call = callAsGame(issuer.env({ ZITADEL_SERVICE_USERS: 'some-other-machine' }));
    await expect(call).rejects.toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });
});
