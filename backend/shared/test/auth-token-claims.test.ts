import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { InvalidTokenError, type MockAuthOptions, MockAuthProvider } from '../src/auth/index.js';
import { MIN_JWT_SECRET_BYTES } from '../src/config/index.js';
import { ManualClock } from '../src/testing/manual-clock.js';
import { TEST_AUTH_CONFIG } from '../src/testing/tokens.js';

const MAX_LIFETIME_SECONDS = 86_400;
const clock = new ManualClock();
const nowSeconds = Math.floor(clock.now().getTime() / 1000);

const options: MockAuthOptions = {
  secret: TEST_AUTH_CONFIG.jwtSecret,
  issuer: TEST_AUTH_CONFIG.issuer,
  audience: TEST_AUTH_CONFIG.audience,
  clockToleranceSeconds: 0,
  defaultTtlSeconds: 3600,
  maxTokenLifetimeSeconds: MAX_LIFETIME_SECONDS,
  now: () => clock.now(),
};
const provider = new MockAuthProvider(options);

const VALID = {
  sub: 'mallory',
  roles: ['player'],
  iss: TEST_AUTH_CONFIG.issuer,
  aud: TEST_AUTH_CONFIG.audience,
  iat: nowSeconds,
  exp: nowSeconds + 600,
  jti: 'jti-1',
};

/** A token with the right secret (or the one given) whose claims the test writes itself. */
function signed(
  claims: Record<string, unknown>,
  { alg = 'HS256', secret = TEST_AUTH_CONFIG.jwtSecret } = {},
) {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

async function refusal(token: string): Promise<InvalidTokenError> {
  const error = await provider.verifyAccessToken(token).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof InvalidTokenError))
    throw new Error(`expected an InvalidTokenError, got ${String(error)}`);
  return error;
}

describe('the mock provider refuses each broken claim with its own reason', () => {
  it.each([
    ['an empty subject', { sub: '' }, 'the "sub" claim must be a non-empty string'],
    ['a blank subject', { sub: '   ' }, 'the "sub" claim must be a non-empty string'],
    ['a subject that is no string', { sub: 42 }, 'the "sub" claim must be a non-empty string'],
    ['a subject of 129 characters', { sub: 'x'.repeat(129) }, 'the "sub" claim must be a non-empty string'],
    ['roles that are no list', { roles: 'player' }, 'the "roles" claim must be a non-empty list'],
    ['no roles', { roles: [] }, 'the "roles" claim must be a non-empty list'],
    [
      'an unknown role beside a known one',
      { roles: ['player', 'root'] },
      'the "roles" claim holds an unknown role',
    ],
    ['a name that is no string', { name: 42 }, 'the "name" claim must be a short string'],
    ['a name of 65 characters', { name: 'x'.repeat(65) }, 'the "name" claim must be a short string'],
    ['another issuer', { iss: 'someone-else' }, 'the "iss" claim is invalid'],
    ['no token id', { jti: undefined }, 'the "jti" claim is invalid'],
    ['a future not-before', { nbf: nowSeconds + 60 }, 'the token is not valid yet'],
    ['an expiry in the past', { iat: nowSeconds - 120, exp: nowSeconds - 60 }, 'the token has expired'],
  ])('%s', async (_case, claims, description) => {
    expect((await refusal(await signed({ ...VALID, ...claims }))).description).toBe(description);
  });

  it('refuses another algorithm, another secret and a malformed token, keeping what jose said as the cause', async () => {
    const algorithm = await refusal(await signed(VALID, { alg: 'HS512' }));
    expect(algorithm.description).toBe('the token algorithm is not allowed');
    expect(algorithm.cause).toBeInstanceOf(Error);
    const secret = await refusal(
      await signed(VALID, { secret: 'another-secret-that-is-also-long-enough-0123' }),
    );
    expect(secret.description).toBe('the token signature is invalid');
    expect((await refusal('not.a.jwt')).description).toBe('the token is malformed');
    expect(secret.name).toBe('InvalidTokenError');
  });

  it('accepts a subject of 128 characters and a name of 64, and reads a missing name as none', async () => {
    const subject = 'x'.repeat(128);
    const name = 'n'.repeat(64);
    await expect(
      provider.verifyAccessToken(await signed({ ...VALID, sub: subject, name })),
    ).resolves.toMatchObject({
      id: subject,
      roles: ['player'],
      name,
    });
    await expect(provider.verifyAccessToken(await signed(VALID))).resolves.toMatchObject({
      id: 'mallory',
      roles: ['player'],
      name: null,
    });
  });
});

describe('the mock provider issues only tokens it would accept', () => {
  it.each([
    ['an empty subject', { subject: '' }, 'a token subject must be 1 to 128 characters'],
    ['a blank subject', { subject: '  ' }, 'a token subject must be 1 to 128 characters'],
    [
      'a subject of 129 characters',
      { subject: 'x'.repeat(129) },
      'a token subject must be 1 to 128 characters',
    ],
    ['no role', { roles: [] }, 'a token needs at least one known role'],
    [
      'an unknown role beside a known one',
      { roles: ['player', 'root'] },
      'a token needs at least one known role',
    ],
    ['a name of 65 characters', { name: 'x'.repeat(65) }, 'a token name must be at most 64 characters'],
    [
      'a lifetime beyond the maximum',
      { ttlSeconds: MAX_LIFETIME_SECONDS + 1 },
      'a token may live at most 86400 seconds',
    ],
  ])('refuses %s', async (_case, request, message) => {
    // Parsed, not typed: what a JavaScript caller or a request body could hand over.
    const issuing = provider.issueToken(
      JSON.parse(JSON.stringify({ subject: 'alice', roles: ['player'], ...request })),
    );
    await expect(issuing).rejects.toThrow(new RangeError(message));
  });

  it('issues a JWT at the limits, named only when a name is given, that lives exactly its lifetime', async () => {
    const issued = await provider.issueToken({
      subject: 'x'.repeat(128),
      roles: ['player'],
      name: 'n'.repeat(64),
      ttlSeconds: MAX_LIFETIME_SECONDS,
    });
    expect(issued.tokenType).toBe('Bearer');
    expect(decodeProtectedHeader(issued.accessToken)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(issued.accessToken);
    expect(claims.exp).toBe(nowSeconds + MAX_LIFETIME_SECONDS);
    expect(issued.expiresAt.getTime()).toBe((nowSeconds + MAX_LIFETIME_SECONDS) * 1000);
    expect(claims.name).toBe('n'.repeat(64));
    const unnamed = await provider.issueToken({ subject: 'alice', roles: ['player'] });
    expect(decodeJwt(unnamed.accessToken)).not.toHaveProperty('name');
  });
});

describe('the mock provider settings', () => {
  it('takes a secret of exactly the least length, counted in bytes, and refuses one byte less', () => {
    const secret = 'é'.repeat(MIN_JWT_SECRET_BYTES / 2);
    expect(() => new MockAuthProvider({ ...options, secret })).not.toThrow();
    expect(() => new MockAuthProvider({ ...options, secret: secret.slice(1) })).toThrow(
      new RangeError(`the mock auth secret must be at least ${MIN_JWT_SECRET_BYTES} bytes long`),
    );
  });

  it('takes a default lifetime equal to the maximum, and refuses a longer one', () => {
    expect(() => new MockAuthProvider({ ...options, defaultTtlSeconds: MAX_LIFETIME_SECONDS })).not.toThrow();
    expect(() => new MockAuthProvider({ ...options, defaultTtlSeconds: MAX_LIFETIME_SECONDS + 1 })).toThrow(
      new RangeError('the default token lifetime cannot exceed the maximum token lifetime'),
    );
  });
});
