import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { InvalidTokenError, MockAuthProvider } from '../src/auth/index.js';
import { ManualClock } from '../src/testing/manual-clock.js';
import { TEST_AUTH_CONFIG } from '../src/testing/tokens.js';

const TOLERANCE_SECONDS = 5;
const MAX_LIFETIME_SECONDS = 86_400;

function setUp() {
  const clock = new ManualClock();
  const provider = new MockAuthProvider({
    secret: TEST_AUTH_CONFIG.jwtSecret,
    issuer: TEST_AUTH_CONFIG.issuer,
    audience: TEST_AUTH_CONFIG.audience,
    clockToleranceSeconds: TOLERANCE_SECONDS,
    defaultTtlSeconds: 3600,
    maxTokenLifetimeSeconds: MAX_LIFETIME_SECONDS,
    now: () => clock.now(),
  });
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  /** A token signed with the right secret, whose times the test chooses, relative to the clock. */
  const signed = (times: { iat: number; exp: number }) =>
    new SignJWT({ roles: ['player'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('mallory')
      .setIssuer(TEST_AUTH_CONFIG.issuer)
      .setAudience(TEST_AUTH_CONFIG.audience)
      .setJti('jti-1')
      .setIssuedAt(nowSeconds() + times.iat)
      .setExpirationTime(nowSeconds() + times.exp)
      .sign(new TextEncoder().encode(TEST_AUTH_CONFIG.jwtSecret));
  return { provider, signed };
}

describe('the mock provider bounds when a token was issued and how long it lives', () => {
  it('accepts an issue time within the clock tolerance, and refuses one beyond it', async () => {
    const { provider, signed } = setUp();
    await expect(
      provider.verifyAccessToken(await signed({ iat: TOLERANCE_SECONDS, exp: 600 })),
    ).resolves.toMatchObject({ id: 'mallory' });
    const ahead = provider.verifyAccessToken(await signed({ iat: TOLERANCE_SECONDS + 1, exp: 600 }));
    await expect(ahead).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(ahead).rejects.toMatchObject({ description: 'the token was issued in the future' });
  });

  it('accepts a lifetime of exactly the maximum, and refuses a second more or years more', async () => {
    const { provider, signed } = setUp();
    await expect(
      provider.verifyAccessToken(await signed({ iat: 0, exp: MAX_LIFETIME_SECONDS })),
    ).resolves.toMatchObject({ id: 'mallory' });
    for (const exp of [MAX_LIFETIME_SECONDS + 1, 10 * 365 * 86_400]) {
      await expect(provider.verifyAccessToken(await signed({ iat: 0, exp }))).rejects.toMatchObject({
        description: `the token lives longer than the ${MAX_LIFETIME_SECONDS} seconds allowed`,
      });
    }
  });

  it('never issues a token it would refuse', async () => {
    const { provider } = setUp();
    await expect(
      provider.issueToken({ subject: 'alice', roles: ['player'], ttlSeconds: MAX_LIFETIME_SECONDS + 1 }),
    ).rejects.toThrow(RangeError);
    expect(
      () =>
        new MockAuthProvider({
          secret: TEST_AUTH_CONFIG.jwtSecret,
          issuer: TEST_AUTH_CONFIG.issuer,
          audience: TEST_AUTH_CONFIG.audience,
          clockToleranceSeconds: TOLERANCE_SECONDS,
          defaultTtlSeconds: 7200,
          maxTokenLifetimeSeconds: 3600,
        }),
    ).toThrow(RangeError);
  });
});

describe('the mock provider reports when a token was issued and when it expires', () => {
  it('hands back iat and exp as dates', async () => {
    const { provider, signed } = setUp();
    const user = await provider.verifyAccessToken(await signed({ iat: -30, exp: 570 }));
    expect(user.expiresAt.getTime() - user.issuedAt.getTime()).toBe(600_000);
    expect(user.issuedAt.getTime() % 1000).toBe(0);
    const issued = await provider.issueToken({ subject: 'alice', roles: ['player'], ttlSeconds: 120 });
    const verified = await provider.verifyAccessToken(issued.accessToken);
    expect(verified.expiresAt).toEqual(issued.expiresAt);
    expect(verified.issuedAt).toEqual(new Date(issued.expiresAt.getTime() - 120_000));
  });
});

describe('the mock provider counts characters as a person does', () => {
  it('issues and verifies a token for a name of 64 emoji, and refuses 65', async () => {
    const { provider } = setUp();
    const name = '🎉'.repeat(64);
    const issued = await provider.issueToken({ subject: 'alice', roles: ['player'], name });
    expect(await provider.verifyAccessToken(issued.accessToken)).toMatchObject({ id: 'alice', name });
    await expect(
      provider.issueToken({ subject: 'alice', roles: ['player'], name: `${name}🎉` }),
    ).rejects.toThrow(RangeError);
  });
});
