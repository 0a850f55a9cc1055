import { describe, expect, it } from 'vitest';
import {
  type AuthenticatedUser,
  type AuthProvider,
  CachingAuthProvider,
  MockAuthProvider,
} from '../src/auth/index.js';
import { ManualClock } from '../src/testing/manual-clock.js';
import { TEST_AUTH_CONFIG } from '../src/testing/tokens.js';

const TOLERANCE_SECONDS = 5;

/** Counts the verifications that reach the provider behind the cache. */
function setUp(options: { maxEntries: number; maxAgeSeconds: number }) {
  const clock = new ManualClock();
  const now = () => clock.now();
  const mock = new MockAuthProvider({
    secret: TEST_AUTH_CONFIG.jwtSecret,
    issuer: TEST_AUTH_CONFIG.issuer,
    audience: TEST_AUTH_CONFIG.audience,
    clockToleranceSeconds: TOLERANCE_SECONDS,
    defaultTtlSeconds: 3600,
    maxTokenLifetimeSeconds: TEST_AUTH_CONFIG.maxTokenLifetimeSeconds,
    now,
  });
  const counted = { verifications: 0 };
  const inner: AuthProvider = {
    kind: 'mock',
    verifyAccessToken(token: string): Promise<AuthenticatedUser> {
      counted.verifications += 1;
      return mock.verifyAccessToken(token);
    },
  };
  const cached = new CachingAuthProvider(inner, { ...options, now });
  const token = async (subject: string, ttlSeconds = 3600) =>
    (await mock.issueToken({ subject, roles: ['player'], ttlSeconds })).accessToken;
  return { clock, counted, cached, token };
}

describe('the verified-token cache at its limits', () => {
  it('works with room for a single token', async () => {
    const { counted, cached, token } = setUp({ maxEntries: 1, maxAgeSeconds: 60 });
    const alice = await token('alice');
    await cached.verifyAccessToken(alice);
    await cached.verifyAccessToken(alice);
    expect(counted.verifications).toBe(1);
  });

  it('verifies again at the very instant the trust runs out', async () => {
    const { clock, counted, cached, token } = setUp({ maxEntries: 10, maxAgeSeconds: 60 });
    const alice = await token('alice');
    await cached.verifyAccessToken(alice);
    clock.advanceSeconds(60);
    await cached.verifyAccessToken(alice);
    expect(counted.verifications).toBe(2);
  });

  it('never spends a place on a token that expires as it is verified', async () => {
    const { clock, counted, cached, token } = setUp({ maxEntries: 1, maxAgeSeconds: 60 });
    const alice = await token('alice');
    const bob = await token('bob', 60);
    await cached.verifyAccessToken(alice);
    // Bob's token is at its expiry: still accepted within the clock tolerance, never worth remembering.
    clock.advanceSeconds(60);
    await cached.verifyAccessToken(bob);
    clock.advanceSeconds(-60);
    await cached.verifyAccessToken(alice);
    expect(counted.verifications).toBe(2);
  });
});
