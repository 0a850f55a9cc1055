import { describe, expect, it } from 'vitest';
import { type AuthComponents, createAuth, serviceIdentity } from '../src/auth/index.js';
import { ManualClock } from '../src/testing/manual-clock.js';
import { TEST_AUTH_CONFIG } from '../src/testing/tokens.js';

describe('the auth components of a service', () => {
  it('issues, verifies and remembers verifications on the clock it is given, not the wall clock', async () => {
    const clock = new ManualClock('2100-02-03T04:05:06.000Z');
    const { provider, issuer } = createAuth(TEST_AUTH_CONFIG, () => clock.now());
    if (issuer === null) throw new Error('the mock provider issues tokens');
    const issued = await issuer.issueToken({ subject: 'alice', roles: ['player'] });
    expect(issued.expiresAt.toISOString()).toBe('2100-02-03T05:05:06.000Z');
    await expect(provider.verifyAccessToken(issued.accessToken)).resolves.toMatchObject({ id: 'alice' });
    clock.advanceSeconds(TEST_AUTH_CONFIG.tokenTtlSeconds + TEST_AUTH_CONFIG.clockToleranceSeconds + 1);
    await expect(provider.verifyAccessToken(issued.accessToken)).rejects.toThrow(/expired/);
  });

  it('gives a service an identity named after it', async () => {
    const auth = createAuth(TEST_AUTH_CONFIG);
    const token = await serviceIdentity(auth, 'leaderboard').token();
    await expect(auth.provider.verifyAccessToken(token)).resolves.toMatchObject({
      id: 'service:leaderboard',
      roles: ['service'],
      name: 'leaderboard-service',
    });
  });

  it('has no service identity where the provider cannot issue tokens', () => {
    const verifyOnly: AuthComponents = { provider: createAuth(TEST_AUTH_CONFIG).provider, issuer: null };
    expect(() => serviceIdentity(verifyOnly, 'game')).toThrow('no service identity is available for game');
  });
});
