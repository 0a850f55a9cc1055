import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdentityProviderUnavailableError, InvalidTokenError, OidcAuthProvider } from '../src/auth/index.js';
import { newSigningKey, PROJECT_ID, TestIssuer } from './oidc-test-issuer.js';

async function refusal(verification: Promise<unknown>): Promise<InvalidTokenError> {
  const error = await verification.then(
    () => new Error('the token was accepted'),
    (failure: unknown) => failure,
  );
  if (error instanceof InvalidTokenError) return error;
  throw error;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('the OIDC provider with JWT access tokens', () => {
  let issuer: TestIssuer;

  beforeEach(async () => {
    issuer = await TestIssuer.start();
  });

  afterEach(async () => {
    await issuer.stop().catch(() => undefined);
  });

  it('verifies an access token: its subject, display name, times and mapped role, fetching discovery and keys once', async () => {
    const provider = new OidcAuthProvider(issuer.options());
    const claims = { ...issuer.claims('alice'), name: 'Alice Example', preferred_username: 'alice@example' };
    const user = await provider.verifyAccessToken(await issuer.sign(claims));
    expect(user).toEqual({
      id: 'alice',
      roles: ['player'],
      name: 'Alice Example',
      issuedAt: new Date(Number(claims.iat) * 1000),
      expiresAt: new Date(Number(claims.exp) * 1000),
    });
    await provider.verifyAccessToken(await issuer.sign(issuer.claims('bob')));
    expect(issuer.requests).toEqual({ discovery: 1, jwks: 1, introspection: 0 });
    expect(provider.kind).toBe('oidc');
  });

  it('names the caller by login name without a display name, and by nothing without either', async () => {
    const provider = new OidcAuthProvider(issuer.options());
    const withLogin = {
      ...issuer.claims('alice'),
      name: 'x'.repeat(65),
      preferred_username: 'alice@example',
    };
    expect((await provider.verifyAccessToken(await issuer.sign(withLogin))).name).toBe('alice@example');
    expect((await provider.verifyAccessToken(await issuer.sign(issuer.claims('bob')))).name).toBeNull();
  });

  it('accepts an audience given as one string, and an ES256 signature', async () => {
    issuer.keys = [await newSigningKey('ec-key', 'ES256')];
    const provider = new OidcAuthProvider(issuer.options());
    const token = await issuer.sign({ ...issuer.claims('alice'), aud: PROJECT_ID });
    await expect(provider.verifyAccessToken(token)).resolves.toMatchObject({ id: 'alice' });
  });

  describe('refuses, saying why', () => {
    const cases: readonly (readonly [string, (issuer: TestIssuer) => Promise<string>, string])[] = [
      [
        'a key id the issuer never published',
        async (at) => at.sign(at.claims(), { key: await newSigningKey('forged-kid') }),
        'the token was signed with a key the issuer does not publish',
      ],
      [
        "another issuer's key under this issuer's key id",
        async (at) =>
          at.sign(at.claims(), { key: { ...(await newSigningKey()), kid: at.keys[0]?.kid ?? '' } }),
        'the token signature is invalid',
      ],
      [
        'a token another issuer signed',
        async () => {
          const other = await TestIssuer.start();
          await other.stop();
          return other.sign({ ...other.claims(), aud: PROJECT_ID });
        },
        'the token was signed with a key the issuer does not publish',
      ],
      [
        'a wrong audience',
        async (at) => at.sign({ ...at.claims(), aud: ['another-project'] }),
        'the "aud" claim is invalid',
      ],
      [
        'a wrong issuer',
        async (at) => at.sign({ ...at.claims(), iss: `${at.url}/` }),
        'the "iss" claim is invalid',
      ],
      [
        'an expired token',
        async (at) => at.sign({ ...at.claims(), iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }),
        'the token has expired',
      ],
      [
        'a token not valid yet',
        async (at) => at.sign({ ...at.claims(), nbf: nowSeconds() + 3600 }),
        'the token is not valid yet',
      ],
      [
        'a token issued in the future',
        async (at) => at.sign({ ...at.claims(), iat: nowSeconds() + 3600, exp: nowSeconds() + 4200 }),
        'the token was issued in the future',
      ],
      [
        'a token living longer than allowed',
        async (at) => at.sign({ ...at.claims(), exp: nowSeconds() + 86_401 }),
        'the token lives longer than the 86400 seconds allowed',
      ],
      [
        'a token without iat',
        async (at) => at.sign({ ...at.claims(), iat: undefined }),
        'the token was issued in the future',
      ],
      [
        'a token without sub',
        async (at) => at.sign({ ...at.claims(), sub: undefined }),
        'the "sub" claim is invalid',
      ],
      [
        'HS256 signed with the public key as the secret',
        async (at) =>
          new SignJWT(at.claims())
            .setProtectedHeader({ alg: 'HS256', kid: at.keys[0]?.kid ?? '' })
            .sign(new TextEncoder().encode(JSON.stringify(at.keys[0]?.publicJwk))),
        'the token algorithm is not allowed',
      ],
      ['alg none', async (at) => at.unsigned(at.claims()), 'the token algorithm is not allowed'],
      [
        'an RS256 signature under a PS256 header',
        async (at) => {
          const [, payload, signature] = (await at.sign(at.claims())).split('.');
          const header = Buffer.from(JSON.stringify({ alg: 'PS256', kid: at.keys[0]?.kid })).toString(
            'base64url',
          );
          return `${header}.${payload}.${signature}`;
        },
        'the token was signed with a key the issuer does not publish',
      ],
      [
        'a payload changed after signing',
        async (at) => {
          const [header, , signature] = (await at.sign(at.claims())).split('.');
          const payload = Buffer.from(JSON.stringify({ ...at.claims(), sub: 'mallory' })).toString(
            'base64url',
          );
          return `${header}.${payload}.${signature}`;
        },
        'the token signature is invalid',
      ],
      [
        'a token granting no role here',
        async (at) => at.sign({ ...at.claims(), [`urn:zitadel:iam:org:project:${PROJECT_ID}:roles`]: {} }),
        'the token grants no role on this platform',
      ],
    ];

    it.each(cases)('%s', async (_case, build, description) => {
      const provider = new OidcAuthProvider(issuer.options());
      const error = await refusal(provider.verifyAccessToken(await build(issuer)));
      expect(error.description).toBe(description);
    });

    it('a forged algorithm before any key is fetched from the issuer', async () => {
      const provider = new OidcAuthProvider(issuer.options());
      await refusal(provider.verifyAccessToken(issuer.unsigned(issuer.claims())));
      expect(issuer.requests).toEqual({ discovery: 0, jwks: 0, introspection: 0 });
    });
  });

  describe('keys', () => {
    it('fetches the key set again at once for a key published in a rotation', async () => {
      const provider = new OidcAuthProvider(issuer.options({ jwksCooldownMs: 0 }));
      await provider.verifyAccessToken(await issuer.sign(issuer.claims()));
      const rotated = await newSigningKey('rotated');
      issuer.keys = [...issuer.keys, rotated];
      const user = await provider.verifyAccessToken(
        await issuer.sign(issuer.claims('bob'), { key: rotated }),
      );
      expect(user.id).toBe('bob');
      expect(issuer.requests.jwks).toBe(2);
    });

    it('does not let a stream of unknown key ids fetch the key set again within the cooldown', async () => {
      const provider = new OidcAuthProvider(issuer.options());
      await provider.verifyAccessToken(await issuer.sign(issuer.claims()));
      for (const kid of ['forged-1', 'forged-2', 'forged-3']) {
        const forged = await issuer.sign(issuer.claims(), { key: await newSigningKey(kid) });
        await refusal(provider.verifyAccessToken(forged));
      }
      expect(issuer.requests.jwks).toBe(1);
    });

    it('keeps verifying with the keys it holds while the issuer is down', async () => {
      const provider = new OidcAuthProvider(issuer.options());
      await provider.verifyAccessToken(await issuer.sign(issuer.claims('alice')));
      const later = await issuer.sign(issuer.claims('bob'));
      await issuer.stop();
      await expect(provider.verifyAccessToken(later)).resolves.toMatchObject({ id: 'bob' });
    });

    it('says the issuer is unavailable when it is down before giving any key, never that the token is bad', async () => {
      const provider = new OidcAuthProvider(issuer.options());
      const token = await issuer.sign(issuer.claims());
      await issuer.stop();
      await expect(provider.verifyAccessToken(token)).rejects.toBeInstanceOf(
        IdentityProviderUnavailableError,
      );
    });

    it('says the issuer is unavailable while its key set fails, and verifies once it answers again', async () => {
      const provider = new OidcAuthProvider(issuer.options());
      const token = await issuer.sign(issuer.claims());
      issuer.failing.add('jwks');
      await expect(provider.verifyAccessToken(token)).rejects.toThrow(
        'the identity provider is unavailable: its key set could not be fetched or read',
      );
      issuer.failing.delete('jwks');
      await expect(provider.verifyAccessToken(token)).resolves.toMatchObject({ id: 'alice' });
      expect(issuer.requests.discovery).toBe(1);
    });

    it('says the issuer is unavailable when an unknown key id makes it fetch from an issuer that is down', async () => {
      const provider = new OidcAuthProvider(issuer.options({ jwksCooldownMs: 0 }));
      await provider.verifyAccessToken(await issuer.sign(issuer.claims()));
      const rotated = await issuer.sign(issuer.claims(), { key: await newSigningKey('rotated') });
      await issuer.stop();
      await expect(provider.verifyAccessToken(rotated)).rejects.toBeInstanceOf(
        IdentityProviderUnavailableError,
      );
    });
  });

  describe('discovery', () => {
    const documents: readonly (readonly [string, (standard: Record<string, unknown>) => unknown, string])[] =
      [
        [
          'names another issuer',
          (doc) => ({ ...doc, issuer: 'https://elsewhere.example' }),
          'names the issuer',
        ],
        ['has no jwks_uri', ({ jwks_uri: _, ...doc }) => doc, 'has no jwks_uri'],
        ['has a jwks_uri that is no URL', (doc) => ({ ...doc, jwks_uri: 'keys' }), 'jwks_uri is not a URL'],
        [
          'has a jwks_uri that is no http URL',
          (doc) => ({ ...doc, jwks_uri: 'file:///keys' }),
          'must be a https: or http: URL',
        ],
        ['is no JSON object', () => ['not', 'an', 'object'], 'is not a JSON object'],
      ];

    it.each(documents)(
      'says the issuer is unavailable when its document %s, and asks again for the next token',
      async (_case, document, reason) => {
        const provider = new OidcAuthProvider(issuer.options());
        const token = await issuer.sign(issuer.claims());
        const standard = issuer.discovery;
        issuer.discovery = document;
        await expect(provider.verifyAccessToken(token)).rejects.toThrow(reason);
        issuer.discovery = standard;
        await expect(provider.verifyAccessToken(token)).resolves.toMatchObject({ id: 'alice' });
        expect(issuer.requests.discovery).toBe(2);
      },
    );

    it('says the issuer is unavailable when discovery fails', async () => {
      const provider = new OidcAuthProvider(issuer.options());
      issuer.failing.add('discovery');
      await expect(provider.verifyAccessToken(await issuer.sign(issuer.claims()))).rejects.toThrow(
        'the discovery document was answered with status 503',
      );
    });

    it('asks for the discovery document once however many tokens arrive together', async () => {
      const provider = new OidcAuthProvider(issuer.options());
      const tokens = await Promise.all(['a', 'b', 'c'].map((subject) => issuer.sign(issuer.claims(subject))));
      await Promise.all(tokens.map((token) => provider.verifyAccessToken(token)));
      expect(issuer.requests).toMatchObject({ discovery: 1, jwks: 1 });
    });
  });
});
