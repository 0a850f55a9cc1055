import { describe, expect, it } from 'vitest';
import { createServiceTokenSource, MockAuthProvider } from '../src/auth/index.js';
import { SERVICE_TOKEN_TTL_SECONDS } from '../src/config/index.js';
import { ManualClock } from '../src/testing/manual-clock.js';
import { TEST_AUTH_CONFIG } from '../src/testing/tokens.js';

function providerAt(clock: ManualClock): MockAuthProvider {
  return new MockAuthProvider({
    secret: TEST_AUTH_CONFIG.jwtSecret,
    issuer: TEST_AUTH_CONFIG.issuer,
    audience: TEST_AUTH_CONFIG.audience,
    clockToleranceSeconds: 0,
    defaultTtlSeconds: 3600,
    maxTokenLifetimeSeconds: TEST_AUTH_CONFIG.maxTokenLifetimeSeconds,
    now: () => clock.now(),
  });
}

describe('the service identity token', () => {
  it('is reused while fresh and renewed a minute before it expires, never after', async () => {
    const clock = new ManualClock();
    const provider = providerAt(clock);
    const source = createServiceTokenSource(provider, 'game', () => clock.now().getTime());

    const first = await source.token();
    await expect(provider.verifyAccessToken(first)).resolves.toMatchObject({
      id: 'service:game',
      roles: ['service'],
    });
    clock.advanceSeconds(SERVICE_TOKEN_TTL_SECONDS - 61);
    expect(await source.token()).toBe(first);

    clock.advanceSeconds(1);
    const renewed = await source.token();
    expect(renewed).not.toBe(first);
    // The old token still had a minute to live: no call ever carried an expired one.
    await expect(provider.verifyAccessToken(first)).resolves.toMatchObject({ id: 'service:game' });
    expect(await source.token()).toBe(renewed);
  });

  it('asks the issuer once when many calls need a token at the same time', async () => {
    const clock = new ManualClock();
    let issued = 0;
    const provider = providerAt(clock);
    const source = createServiceTokenSource(
      {
        issueToken: (request) => {
          issued += 1;
          return provider.issueToken(request);
        },
      },
      'leaderboard',
      () => clock.now().getTime(),
    );
    const tokens = await Promise.all([source.token(), source.token(), source.token()]);
    expect(new Set(tokens).size).toBe(1);
    expect(issued).toBe(1);
  });
});
