import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAuth,
  IdentityProviderUnavailableError,
  InvalidTokenError,
  OidcAuthProvider,
  projectRolesClaim,
} from '../src/auth/index.js';
import { EnvReader, readAuthConfig } from '../src/config/index.js';
import { ManualClock } from '../src/testing/manual-clock.js';
import {
  INTROSPECTION_CLIENT,
  ORG_GRANT,
  PROJECT_ID,
  TestIssuer,
  WEB_APP_CLIENT,
} from './oidc-test-issuer.js';

async function failure(verification: Promise<unknown>): Promise<unknown> {
  return verification.then(
    () => new Error('the token was accepted'),
    (error: unknown) => error,
  );
}

async function refusal(verification: Promise<unknown>): Promise<InvalidTokenError> {
  const error = await failure(verification);
  if (error instanceof InvalidTokenError) return error;
  throw error;
}

async function unavailability(verification: Promise<unknown>): Promise<IdentityProviderUnavailableError> {
  const error = await failure(verification);
  if (error instanceof IdentityProviderUnavailableError) return error;
  throw error;
}

describe('the OIDC provider with opaque access tokens', () => {
  let issuer: TestIssuer;

  /** What Zitadel answers for an active access token a person got through the web app. */
  const active = (nowSeconds = Math.floor(Date.now() / 1000)) => ({
    active: true,
    iss: issuer.url,
    aud: [PROJECT_ID, WEB_APP_CLIENT],
    sub: 'alice',
    iat: nowSeconds,
    nbf: nowSeconds,
    exp: nowSeconds + 600,
    client_id: WEB_APP_CLIENT,
    token_type: 'Bearer',
    scope: 'openid profile',
    name: 'Alice Example',
    [projectRolesClaim(PROJECT_ID)]: { player: ORG_GRANT },
  });

  beforeEach(async () => {
    issuer = await TestIssuer.start();
  });

  afterEach(async () => {
    await issuer.stop().catch(() => undefined);
  });

  it('introspects an active token with client_secret_basic and takes the caller from the answer', async () => {
    const provider = new OidcAuthProvider(issuer.options());
    const answer = active();
    const user = await provider.verifyAccessToken(issuer.opaque(answer));
    expect(user).toEqual({
      id: 'alice',
      roles: ['player'],
      name: 'Alice Example',
      issuedAt: new Date(answer.iat * 1000),
      expiresAt: new Date(answer.exp * 1000),
    });
    expect(issuer.requests).toEqual({ discovery: 1, jwks: 0, introspection: 1 });
  });

  it('refuses a token the issuer says is not active, or does not know', async () => {
    const provider = new OidcAuthProvider(issuer.options());
    const inactive = issuer.opaque({ active: false });
    expect((await refusal(provider.verifyAccessToken(inactive))).description).toBe('the token is not active');
    expect((await refusal(provider.verifyAccessToken('never-issued-token'))).description).toBe(
      'the token is not active',
    );
  });

  it('refuses every opaque token, asking nobody, when no introspection client is configured', async () => {
    const provider = new OidcAuthProvider(issuer.options({ introspection: null }));
    const error = await refusal(provider.verifyAccessToken(issuer.opaque(active())));
    expect(error.description).toBe('only JWT access tokens are accepted here');
    expect(issuer.requests).toEqual({ discovery: 0, jwks: 0, introspection: 0 });
  });

  describe('refuses an active token that does not hold here', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const cases: readonly (readonly [string, (answer: Record<string, unknown>) => unknown, string])[] = [
      [
        'for another audience',
        (answer) => ({ ...answer, aud: 'another-project' }),
        'the "aud" claim is invalid',
      ],
      ['without an audience', ({ aud: _, ...answer }) => answer, 'the "aud" claim is invalid'],
      [
        'from another issuer',
        (answer) => ({ ...answer, iss: 'https://elsewhere.example' }),
        'the "iss" claim is invalid',
      ],
      ['without an issuer', ({ iss: _, ...answer }) => answer, 'the "iss" claim is invalid'],
      ['expired', (answer) => ({ ...answer, iat: now() - 7200, exp: now() - 3600 }), 'the token has expired'],
      ['without exp', ({ exp: _, ...answer }) => answer, 'the "exp" claim is invalid'],
      ['not valid yet', (answer) => ({ ...answer, nbf: now() + 3600 }), 'the token is not valid yet'],
      [
        'with a nbf that is no number',
        (answer) => ({ ...answer, nbf: 'soon' }),
        'the token is not valid yet',
      ],
      [
        'issued in the future',
        (answer) => ({ ...answer, iat: now() + 3600, nbf: undefined, exp: now() + 4200 }),
        'the token was issued in the future',
      ],
      ['without iat', ({ iat: _, ...answer }) => answer, 'the "iat" claim is invalid'],
      [
        'issued longer ago than any token may live',
        (answer) => ({ ...answer, iat: now() - 86_400 - 60, exp: now() + 60 }),
        'the token has expired',
      ],
      [
        'living longer than allowed',
        (answer) => ({ ...answer, exp: now() + 86_401 }),
        'the token lives longer than the 86400 seconds allowed',
      ],
      ['without a subject', ({ sub: _, ...answer }) => answer, 'the "sub" claim must be a non-empty string'],
      [
        'granting no role here',
        (answer) => ({ ...answer, [projectRolesClaim(PROJECT_ID)]: ['player'] }),
        'the token grants no role on this platform',
      ],
    ];

    it.each(cases)('%s', async (_case, change, description) => {
      const provider = new OidcAuthProvider(issuer.options());
      const error = await refusal(provider.verifyAccessToken(issuer.opaque(change(active()))));
      expect(error.description).toBe(description);
    });
  });

  describe('says the issuer is unavailable, not that the token is bad', () => {
    const answers: readonly (readonly [string, { status: number; text: string }, string])[] = [
      [
        'an answer that is not JSON',
        { status: 200, text: '<html>oops</html>' },
        'without the boolean "active"',
      ],
      ['"active" as a string', { status: 200, text: '{"active":"true"}' }, 'without the boolean "active"'],
      ['no "active" at all', { status: 200, text: '{"sub":"alice"}' }, 'without the boolean "active"'],
      ['a list', { status: 200, text: '[{"active":true}]' }, 'without the boolean "active"'],
      ['a server error', { status: 500, text: '{}' }, 'answered with status 500'],
    ];

    it.each(answers)('for %s', async (_case, answer, reason) => {
      const provider = new OidcAuthProvider(issuer.options());
      const error = await unavailability(provider.verifyAccessToken(issuer.opaqueAnswering(answer)));
      expect(error.message).toContain(reason);
    });

    it('when introspection refuses the platform client credentials', async () => {
      const introspection = { ...INTROSPECTION_CLIENT, clientSecret: 'a-wrong-secret-0123456789' };
      const provider = new OidcAuthProvider(issuer.options({ introspection }));
      const error = await unavailability(provider.verifyAccessToken(issuer.opaque(active())));
      expect(error.message).toContain("refused the platform's client credentials (status 401)");
      expect(error.message).not.toContain('a-wrong-secret');
    });

    it('while introspection fails, verifying again once it answers', async () => {
      const provider = new OidcAuthProvider(issuer.options());
      const token = issuer.opaque(active());
      issuer.failing.add('introspection');
      await unavailability(provider.verifyAccessToken(token));
      issuer.failing.delete('introspection');
      await expect(provider.verifyAccessToken(token)).resolves.toMatchObject({ id: 'alice' });
    });

    it('when the issuer is down', async () => {
      const provider = new OidcAuthProvider(issuer.options());
      const token = issuer.opaque(active());
      await issuer.stop();
      const error = await unavailability(provider.verifyAccessToken(token));
      expect(error.message).toContain('could not be fetched');
    });

    it('when the issuer offers no introspection endpoint', async () => {
      issuer.discovery = ({ introspection_endpoint: _, ...document }) => document;
      const provider = new OidcAuthProvider(issuer.options());
      const error = await unavailability(provider.verifyAccessToken(issuer.opaque(active())));
      expect(error.message).toContain('no introspection_endpoint');
    });
  });

  describe('remembering an answer (createAuth)', () => {
    const setUp = (cacheSeconds: number) => {
      const clock = new ManualClock();
      const config = readAuthConfig(
        new EnvReader(issuer.environment({ ZITADEL_TOKEN_CACHE_SECONDS: String(cacheSeconds) })),
      );
      const { provider, issuer: tokenIssuer } = createAuth(config, () => clock.now());
      expect(tokenIssuer).toBeNull();
      const nowSeconds = Math.floor(clock.now().getTime() / 1000);
      return { clock, provider, nowSeconds };
    };

    it('asks again once the token has expired, even within the cache time, and refuses it past the clock tolerance', async () => {
      const { clock, provider, nowSeconds } = setUp(300);
      const token = issuer.opaque({ ...active(nowSeconds), exp: nowSeconds + 10 });
      await provider.verifyAccessToken(token);
      clock.advanceSeconds(9);
      await provider.verifyAccessToken(token);
      expect(issuer.requests.introspection).toBe(1);
      clock.advanceSeconds(2);
      await provider.verifyAccessToken(token);
      expect(issuer.requests.introspection).toBe(2);
      clock.advanceSeconds(5);
      expect((await refusal(provider.verifyAccessToken(token))).description).toBe('the token has expired');
    });

    it('asks again after the cache time, however long the token lives', async () => {
      const { clock, provider, nowSeconds } = setUp(30);
      const token = issuer.opaque(active(nowSeconds));
      await provider.verifyAccessToken(token);
      clock.advanceSeconds(29);
      await provider.verifyAccessToken(token);
      expect(issuer.requests.introspection).toBe(1);
      clock.advanceSeconds(2);
      await provider.verifyAccessToken(token);
      expect(issuer.requests.introspection).toBe(2);
    });

    it('never remembers a refusal', async () => {
      const { provider } = setUp(300);
      const inactive = issuer.opaque({ active: false });
      await refusal(provider.verifyAccessToken(inactive));
      await refusal(provider.verifyAccessToken(inactive));
      expect(issuer.requests.introspection).toBe(2);
    });

    it('remembers nothing with a cache time of 0', async () => {
      const { provider, nowSeconds } = setUp(0);
      const token = issuer.opaque(active(nowSeconds));
      await provider.verifyAccessToken(token);
      await provider.verifyAccessToken(token);
      expect(issuer.requests.introspection).toBe(2);
    });
  });
});
