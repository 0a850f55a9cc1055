import { IdentityProviderUnavailableError } from '@know-foolery/shared/auth';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { scrapedValue } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { countedRenewals } from '../src/auth-tokens/counted-renewals.js';
import type { TokenRenewer } from '../src/auth-tokens/token-renewer.js';
import { sessionHarness } from './harness.js';

describe('session-service counts token refreshes by outcome', () => {
  const harness = sessionHarness();
  const registry = createMetricsRegistry();
  /** What the provider does with the next renewal: the mock issuer's renewal, a refusal, or no answer. */
  let provider: 'renews' | 'refuses' | 'is down' = 'renews';
  const mock = harness.deps.renewer;
  const switchable: TokenRenewer = {
    canRenew: (session) => mock.canRenew(session),
    async renew(session) {
      if (provider === 'refuses') return { kind: 'refused', reason: 'invalid_grant' };
      if (provider === 'is down') throw new IdentityProviderUnavailableError('connection refused');
      return mock.renew(session);
    },
  };
  const app = buildApp({
    version: 'test',
    auth: harness.auth.provider,
    sessions: { ...harness.deps, renewer: countedRenewals(switchable, registry) },
    metrics: registry,
  });
  beforeAll(() => app.ready());
  afterAll(() => app.close());

  const resolve = async (cookie: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/internal/v1/sessions/resolve',
      headers: { authorization: `Bearer ${await harness.token('service:gateway', ['service'])}` },
      payload: { cookie },
    });
    return response.statusCode;
  };
  /** A session whose access token has 61 seconds left: renewed by the first resolve a few seconds on. */
  const sessionDueForRenewal = async (subject: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { authorization: `Bearer ${await harness.token(subject, ['player'], 61)}` },
      payload: {},
    });
    const cookie = /^[^=]+=([^;]*)/.exec(String(response.headers['set-cookie'] ?? ''))?.[1];
    if (cookie === undefined) throw new Error('the session opens with a cookie');
    return cookie;
  };

  it('counts a renewal, a refusal and an unavailable provider', async () => {
    const renewed = await sessionDueForRenewal('alice');
    const refused = await sessionDueForRenewal('bob');
    const unavailable = await sessionDueForRenewal('carol');
    harness.clock.advanceSeconds(2);

    expect(await resolve(renewed)).toBe(200);
    provider = 'refuses';
    expect(await resolve(refused)).toBe(401);
    provider = 'is down';
    // Still within its token's life: served with the current token, the renewal counted as unavailable.
    expect(await resolve(unavailable)).toBe(200);

    expect(await scrapedValue(registry, 'session_token_refreshes_total{outcome="renewed"}')).toBe(1);
    expect(await scrapedValue(registry, 'session_token_refreshes_total{outcome="refused"}')).toBe(1);
    expect(
      await scrapedValue(registry, 'session_token_refreshes_total{outcome="provider_unavailable"}'),
    ).toBe(1);
  });
});
