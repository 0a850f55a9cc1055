import { describe, expect, it } from 'vitest';
import {
  type AuthenticatedUser,
  type AuthProvider,
  CachingAuthProvider,
  InvalidTokenError,
  MockAuthProvider,
} from '../src/auth/index.js';
import { ManualClock } from '../src/testing/manual-clock.js';
import { TEST_AUTH_CONFIG } from '../src/testing/tokens.js';

/** The real mock provider, counting how many verifications reach it. */
class CountingProvider implements AuthProvider {
  readonly kind = 'mock' as const;
  verifications = 0;
  readonly #inner: AuthProvider;

  constructor(inner: AuthProvider) {
    this.#inner = inner;
  }

  verifyAccessToken(token: string): Promise<AuthenticatedUser> {
    this.verifications += 1;
    return this.#inner.verifyAccessToken(token);
  }
}

function setUp(options: { maxEntries?: number; maxAgeSeconds?: number; ttlSeconds?: number } = {}) {
  const clock = new ManualClock();
  const now = () => clock.now();
  const mock = new MockAuthProvider({
    secret: TEST_AUTH_CONFIG.jwtSecret,
    issuer: TEST_AUTH_CONFIG.issuer,
    audience: TEST_AUTH_CONFIG.audience,
    clockToleranceSeconds: 0,
    defaultTtlSeconds: options.ttlSeconds ?? 3600,
    maxTokenLifetimeSeconds: TEST_AUTH_CONFIG.maxTokenLifetimeSeconds,
    now,
  });
  const counting = new CountingProvider(mock);
  const cached = new CachingAuthProvider(counting, {
    maxEntries: options.maxEntries ?? 100,
    maxAgeSeconds: options.maxAgeSeconds ?? 60,
    now,
  });
  const token = async (subject: string) =>
    (await mock.issueToken({ subject, roles: ['player'] })).accessToken;
  return { clock, counting, cached, token };
}

describe('the verified-token cache', () => {
  it('verifies a token once and answers the same user from memory after that', async () => {
    const { counting, cached, token } = setUp();
    const alice = await token('alice');
    const first = await cached.verifyAccessToken(alice);
    const second = await cached.verifyAccessToken(alice);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ id: 'alice', roles: ['player'], name: null });
    expect(counting.verifications).toBe(1);
    expect(cached.kind).toBe('mock');
  });

  it('never remembers a refusal', async () => {
    const { counting, cached, token } = setUp();
    const alice = await token('alice');
    const tampered = `${alice.slice(0, -2)}xx`;
    await expect(cached.verifyAccessToken(tampered)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(cached.verifyAccessToken(tampered)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(counting.verifications).toBe(2);
  });

  it('refuses a remembered token once it has expired', async () => {
    const { clock, counting, cached, token } = setUp({ ttlSeconds: 30, maxAgeSeconds: 600 });
    const alice = await token('alice');
    await cached.verifyAccessToken(alice);
    clock.advanceSeconds(29);
    await cached.verifyAccessToken(alice);
    expect(counting.verifications).toBe(1);
    clock.advanceSeconds(2);
    await expect(cached.verifyAccessToken(alice)).rejects.toThrow(/expired/);
  });

  it('checks the token again after the longest trusted age', async () => {
    const { clock, counting, cached, token } = setUp({ maxAgeSeconds: 60 });
    const alice = await token('alice');
    await cached.verifyAccessToken(alice);
    clock.advanceSeconds(61);
    await cached.verifyAccessToken(alice);
    expect(counting.verifications).toBe(2);
  });

  it('forgets the oldest token when full', async () => {
    const { counting, cached, token } = setUp({ maxEntries: 2 });
    const [alice, bob, carol] = await Promise.all([token('alice'), token('bob'), token('carol')]);
    for (const each of [alice, bob, carol, carol, bob]) await cached.verifyAccessToken(each);
    expect(counting.verifications).toBe(3);
    await cached.verifyAccessToken(alice);
    expect(counting.verifications).toBe(4);
  });

  it('refuses a cache with no room', () => {
    const { counting } = setUp();
    expect(() => new CachingAuthProvider(counting, { maxEntries: 0, maxAgeSeconds: 60 })).toThrow(
      /at least one token/,
    );
  });
});
