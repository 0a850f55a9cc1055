import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuth,
  IdentityProviderUnavailableError,
  ServiceTokenUnavailableError,
  serviceIdentity,
} from '../src/auth/index.js';
import type { ServiceName } from '../src/config/index.js';
import { ManualClock } from '../src/testing/manual-clock.js';
import { oidcAuthConfig, RelayedIssuer } from './oidc-service-tokens-issuer.js';

/** Short enough that renewal comes halfway through a token's life rather than a minute before its end. */
const SHORT_TTL_SECONDS = 30;

async function failureOf(call: Promise<unknown>): Promise<ServiceTokenUnavailableError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof ServiceTokenUnavailableError) return error;
  throw new Error(`expected a ServiceTokenUnavailableError, got ${String(error)}`);
}

describe('a service token from the issuer (client credentials)', () => {
  let issuer: RelayedIssuer;
  let clock: ManualClock;

  beforeAll(async () => {
    issuer = await RelayedIssuer.start(SHORT_TTL_SECONDS);
  });
  afterAll(() => issuer.stop());
  afterEach(() => {
    issuer.mode = 'forward';
    issuer.tokenRequests.length = 0;
    issuer.tokenAttempts = 0;
  });

  /** A service's auth, reading its clock from the test; each has its own cache. */
  function auth(service: ServiceName = 'game', overrides = {}) {
    clock = new ManualClock(new Date().toISOString());
    return createAuth(oidcAuthConfig(issuer.env(overrides), service), () => clock.now());
  }

  it('is a project token the issuer grants the machine user, which the platform verifies as a service', async () => {
    const components = auth('leaderboard');
    const token = await serviceIdentity(components, 'leaderboard').token();

    expect(decodeJwt(token)).toMatchObject({
      sub: issuer.provider.clients.machine.clientId,
      aud: expect.arrayContaining([issuer.provider.projectId]),
      iss: issuer.issuer,
    });
    await expect(components.provider.verifyAccessToken(token)).resolves.toMatchObject({
      id: issuer.provider.clients.machine.clientId,
      roles: ['service'],
    });
    expect(issuer.tokenRequests.map((form) => Object.fromEntries(form))).toEqual([
      {
        grant_type: 'client_credentials',
        scope: `openid urn:zitadel:iam:org:project:id:${issuer.provider.projectId}:aud urn:zitadel:iam:org:projects:roles`,
      },
    ]);
  });

  it("adds Zitadel's own audience for the service that calls Zitadel's API", async () => {
    await serviceIdentity(auth('admin'), 'admin').token();
    expect(issuer.tokenRequests[0]?.get('scope')?.split(' ')).toContain(
      'urn:zitadel:iam:org:project:id:zitadel:aud',
    );
  });

  it('is kept, and asked for once however many calls need it at the same time', async () => {
    const source = serviceIdentity(auth(), 'game');
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.token()));

    expect(new Set(tokens).size).toBe(1);
    clock.advanceSeconds(SHORT_TTL_SECONDS / 2 - 1);
    expect(await source.token()).toBe(tokens[0]);
    expect(issuer.tokenAttempts).toBe(1);
  });

  it('is renewed halfway through a short life, while the old one is still valid, by one request', async () => {
    const components = auth();
    const source = serviceIdentity(components, 'game');
    const first = await source.token();
    const firstExpiry = decodeJwt(first).exp ?? 0;

    clock.advanceSeconds(SHORT_TTL_SECONDS / 2 - 0.001);
    expect(await source.token()).toBe(first);
    clock.advanceSeconds(0.001);
    const renewed = await Promise.all([source.token(), source.token(), source.token()]);

    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(first);
    expect(issuer.tokenAttempts).toBe(2);
    // Renewed before the first one expired: no call ever carried a token past its end.
    expect(clock.now().getTime()).toBeLessThan(firstExpiry * 1000);
    await expect(components.provider.verifyAccessToken(first)).resolves.toMatchObject({ roles: ['service'] });
  });

  it('keeps sending a still-valid token while the issuer cannot renew it, then fails with 503', async () => {
    const source = serviceIdentity(auth(), 'game');
    const first = await source.token();

    issuer.mode = 'drop';
    clock.advanceSeconds(SHORT_TTL_SECONDS / 2);
    expect(await source.token()).toBe(first);
    expect(issuer.tokenAttempts).toBe(2);

    issuer.mode = 'forward';
    clock.advanceSeconds(6);
    const renewed = await source.token();
    expect(renewed).not.toBe(first);

    issuer.mode = 'unavailable';
    clock.advanceSeconds(SHORT_TTL_SECONDS);
    const failure = await failureOf(source.token());
    expect(failure).toBeInstanceOf(IdentityProviderUnavailableError);
    expect(failure.statusCode).toBe(503);
    expect(failure.message).toContain('the token endpoint answered a service token request with status 503');
  });

  it('asks again after a failed renewal only once a few seconds have passed', async () => {
    const source = serviceIdentity(auth(), 'game');
    await source.token();
    issuer.mode = 'unavailable';
    clock.advanceSeconds(SHORT_TTL_SECONDS / 2);
    await source.token();
    expect(issuer.tokenAttempts).toBe(2);

    clock.advanceSeconds(4.999);
    await source.token();
    expect(issuer.tokenAttempts).toBe(2);
    clock.advanceSeconds(0.001);
    await source.token();
    expect(issuer.tokenAttempts).toBe(3);
  });

  it('fails with 503 when the issuer cannot be reached and none is held, and recovers when it is back', async () => {
    issuer.mode = 'drop';
    const source = serviceIdentity(auth(), 'game');

    const failure = await failureOf(source.token());
    expect(failure.statusCode).toBe(503);
    expect(failure.message).toBe('the identity provider is unavailable: no service token could be asked for');
    expect(failure.cause).toBeInstanceOf(IdentityProviderUnavailableError);

    issuer.mode = 'forward';
    await expect(source.token()).resolves.toEqual(expect.any(String));
  });

  it('names the variables to check when the issuer refuses the secret, and never shows the secret', async () => {
    const secret = 'not-the-machine-users-secret';
    const source = serviceIdentity(auth('game', { ZITADEL_SERVICE_CLIENT_SECRET: secret }), 'game');

    const failure = await failureOf(source.token());
    expect(failure.statusCode).toBe(503);
    expect(failure.message).toMatch(
      /the issuer refused the client credentials of "know-foolery-services": invalid_client.*; check ZITADEL_SERVICE_CLIENT_ID and ZITADEL_SERVICE_CLIENT_SECRET$/,
    );
    expect(failure.message).not.toContain(secret);
  });

  it('says so when the machine client may not use the grant', async () => {
    const { web } = issuer.provider.clients;
    const overrides = {
      ZITADEL_SERVICE_CLIENT_ID: web.clientId,
      ZITADEL_SERVICE_CLIENT_SECRET: web.clientSecret,
    };
    const failure = await failureOf(serviceIdentity(auth('game', overrides), 'game').token());
    expect(failure.message).toMatch(
      /refused the client credentials of "know-foolery-web": invalid_request.*; check the machine user/,
    );
  });
});
