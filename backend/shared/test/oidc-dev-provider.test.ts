import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_USERS, type DevIdentityProvider, startDevIdentityProvider } from '@know-foolery/dev-identity';
import { devVerifierEnv } from '@know-foolery/dev-identity/seed';
import { decodeProtectedHeader, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthComponents, createAuth, InvalidTokenError, readBearerToken } from '../src/auth/index.js';
import { clientCredentialsToken } from '../src/browser/client-credentials.js';
import { signIn } from '../src/browser/sign-in.js';
import { TestBrowser } from '../src/browser/test-browser.js';
import { EnvReader, type EnvSource, readAuthConfig } from '../src/config/index.js';
import { AppError } from '../src/errors/index.js';
import { forgedIssuerTokens } from '../src/testing/bad-tokens.js';

const CALLBACK = 'http://127.0.0.1:3000/api/v1/auth/callback';

/** A service's settings for the provider, as the launcher gives them (docs/AUTH.md). */
function launcherEnv(provider: DevIdentityProvider, overrides: EnvSource = {}): EnvSource {
  return {
    NODE_ENV: 'test',
    ...devVerifierEnv(provider.issuer),
    // Every verification in these tests is a real one, never a remembered one.
    ZITADEL_TOKEN_CACHE_SECONDS: '0',
    ...overrides,
  };
}

function verifierFor(env: EnvSource, now?: () => Date): AuthComponents {
  const reader = new EnvReader(env);
  const config = readAuthConfig(reader, 'game');
  reader.done();
  return createAuth(config, now);
}

/** Why a token in an Authorization header is refused, as the auth plugin would say it. */
async function refusal(auth: AuthComponents, authorization: string): Promise<string> {
  const outcome = await Promise.resolve()
    .then(() => auth.provider.verifyAccessToken(readBearerToken(authorization, 'jwt-or-opaque')))
    .then(
      () => new Error('the token was accepted'),
      (failure: unknown) => failure,
    );
  if (outcome instanceof InvalidTokenError) return outcome.description;
  if (outcome instanceof AppError) return outcome.message;
  throw outcome;
}

async function publishedKeys(provider: DevIdentityProvider): Promise<JWK[]> {
  const body: unknown = await (await fetch(`${provider.url}/oauth/v2/keys`)).json();
  const keys = typeof body === 'object' && body !== null && 'keys' in body ? body.keys : undefined;
  if (!Array.isArray(keys)) throw new Error('the provider published no key set');
  return keys.filter((key: unknown): key is JWK => typeof key === 'object' && key !== null && 'kid' in key);
}

function machineToken(provider: DevIdentityProvider): Promise<string> {
  return clientCredentialsToken({
    tokenEndpoint: `${provider.url}/oauth/v2/token`,
    clientId: provider.clients.machine.clientId,
    clientSecret: provider.clients.machine.clientSecret,
    scope: `openid urn:zitadel:iam:org:project:id:${provider.projectId}:aud`,
  }).then((answer) => answer.accessToken);
}

/** The player through the login page and the code exchange (PKCE), for the given web client. */
async function playerToken(
  provider: DevIdentityProvider,
  client: { clientId: string; clientSecret: string },
): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${provider.url}/oauth/v2/authorize`);
  authorize.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'openid profile',
    state: randomBytes(8).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const atCallback = await signIn(new TestBrowser(), {
    start: authorize,
    user: DEV_USERS.player,
    stopBefore: (url) => url.href.startsWith(CALLBACK),
  });
  const callback = new URL(atCallback.response.headers.get('location') ?? '', atCallback.url);
  const response = await fetch(`${provider.url}/oauth/v2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    }).toString(),
  });
  const body: unknown = await response.json();
  const token =
    typeof body === 'object' && body !== null && 'access_token' in body ? body.access_token : null;
  if (typeof token !== 'string')
    throw new Error(`no access token: ${response.status} ${JSON.stringify(body)}`);
  return token;
}

/**
 * An issuer in front of the provider that names itself in its discovery document but points at the
 * provider's key set: the provider's genuine tokens are signed by keys it trusts, under another `iss`.
 */
async function startNamesakeIssuer(provider: DevIdentityProvider): Promise<{ url: string; server: Server }> {
  let url = '';
  const server = createServer((request, response) => {
    if (request.url !== '/.well-known/openid-configuration') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ issuer: url, jwks_uri: `${provider.url}/oauth/v2/keys` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, server };
}

describe('the platform verifier against the development identity provider', () => {
  let provider: DevIdentityProvider;
  let otherProvider: DevIdentityProvider;
  let auth: AuthComponents;

  beforeAll(async () => {
    [provider, otherProvider] = await Promise.all([
      startDevIdentityProvider({ port: 0, redirectUris: [CALLBACK] }),
      startDevIdentityProvider({ port: 0 }),
    ]);
    auth = verifierFor(launcherEnv(provider));
  });

  afterAll(async () => {
    await Promise.all([provider?.stop(), otherProvider?.stop()]);
  });

  it("verifies the machine user's client credentials token as the service it is", async () => {
    const user = await auth.provider.verifyAccessToken(await machineToken(provider));
    expect(user).toMatchObject({ id: provider.clients.machine.clientId, roles: ['service'] });
  });

  it("verifies a player's JWT access token from the sign-in, the project role mapped", async () => {
    const token = await playerToken(provider, provider.clients.web);
    const user = await auth.provider.verifyAccessToken(token);
    expect(user.roles).toEqual(['player']);
    expect(user.id).not.toBe('');
  });

  it("verifies a player's opaque access token by introspection, and refuses it without an introspection client", async () => {
    const token = await playerToken(provider, provider.clients.opaqueWeb);
    expect(token.split('.')).toHaveLength(1);
    expect((await auth.provider.verifyAccessToken(token)).roles).toEqual(['player']);
    const withoutIntrospection = verifierFor(
      launcherEnv(provider, { ZITADEL_INTROSPECTION_CLIENT_ID: '', ZITADEL_INTROSPECTION_CLIENT_SECRET: '' }),
    );
    expect(await refusal(withoutIntrospection, `Bearer ${token}`)).toBe(
      'only JWT access tokens are accepted here',
    );
  });

  describe('refuses forgeries of its tokens, saying why', () => {
    const expected: Readonly<Record<string, string>> = {
      // No JWT, so an opaque token to introspect: the issuer knows nothing of it.
      'malformed token': 'the token is not active',
      'wrong scheme': 'the Authorization header must be "Bearer <token>"',
      "the issuer's key id on another key": 'the token signature is invalid',
      'a key id the issuer never published': 'the token was signed with a key the issuer does not publish',
      'HS256 keyed with the public key': 'the token algorithm is not allowed',
      'alg none': 'the token algorithm is not allowed',
      'a PS256 header on an RS256 signature': 'the token was signed with a key the issuer does not publish',
      'signature stripped': 'the token signature is invalid',
      'tampered payload': 'the token signature is invalid',
      'over-long token': 'the token is too long',
    };

    it('every case of the shared matrix', async () => {
      const token = await machineToken(provider);
      const forged = await forgedIssuerTokens({ token, publishedKeys: await publishedKeys(provider) });
      const reasons = Object.fromEntries(
        await Promise.all(forged.map(async ([name, header]) => [name, await refusal(auth, header)])),
      );
      expect(reasons).toEqual(expected);
    });

    it("a genuine token of another issuer, with this provider's project as audience", async () => {
      const foreign = await machineToken(otherProvider);
      expect(await refusal(auth, `Bearer ${foreign}`)).toBe(
        'the token was signed with a key the issuer does not publish',
      );
    });
  });

  describe('refuses its genuine tokens where the claims do not fit', () => {
    it('a wrong audience', async () => {
      const elsewhere = verifierFor(launcherEnv(provider, { ZITADEL_AUDIENCE: '399999999999999999' }));
      expect(await refusal(elsewhere, `Bearer ${await machineToken(provider)}`)).toBe(
        'the "aud" claim is invalid',
      );
    });

    it("a wrong issuer, though signed by a key the verifier's issuer publishes", async () => {
      const namesake = await startNamesakeIssuer(provider);
      try {
        const trustingNamesake = verifierFor(launcherEnv(provider, { ZITADEL_ISSUER: namesake.url }));
        expect(await refusal(trustingNamesake, `Bearer ${await machineToken(provider)}`)).toBe(
          'the "iss" claim is invalid',
        );
      } finally {
        namesake.server.closeAllConnections();
        namesake.server.close();
      }
    });

    it('an expired token, on a clock past its expiry', async () => {
      const token = await machineToken(provider);
      const later = verifierFor(launcherEnv(provider), () => new Date(Date.now() + 2 * 3600 * 1000));
      expect(await refusal(later, `Bearer ${token}`)).toBe('the token has expired');
    });
  });

  it('verifies tokens of the new signing key after a rotation, and those of the old one still', async () => {
    const verifier = verifierFor(launcherEnv(provider));
    const before = await machineToken(provider);
    await verifier.provider.verifyAccessToken(before);
    await provider.rotateSigningKey();
    const after = await machineToken(provider);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    await expect(verifier.provider.verifyAccessToken(after)).resolves.toMatchObject({ roles: ['service'] });
    await expect(verifier.provider.verifyAccessToken(before)).resolves.toMatchObject({ roles: ['service'] });
  });
});
