import type { AddressInfo } from 'node:net';
import { startDevIdentityProvider } from '@know-foolery/dev-identity';
import type { EnvSource } from '@know-foolery/shared/config';
import type { MetricsRegistry } from '@know-foolery/shared/observability';
import { scrapedValue } from '@know-foolery/shared/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { AUTH_PATHS } from '../src/contract/auth.js';
import { oidcEnvironment, type SignInPlatform, startSignInPlatform } from './auth-platform.js';
import { browserFor, isCallback, PLAYER, signIn } from './auth-sign-in-helpers.js';

/** Nothing listens on port 1: every call is refused. */
const CLOSED_PORT_URL = 'http://127.0.0.1:1';

/** The value of one series as Prometheus would scrape it, the process's `service` label included. */
async function signIns(registry: MetricsRegistry, outcome: string): Promise<number | undefined> {
  const series = `auth_sign_ins_total{outcome="${outcome}",service="gateway-service"}`;
  return scrapedValue(registry, series);
}

interface MeteredGateway {
  readonly url: string;
  readonly metrics: MetricsRegistry;
  stop(): Promise<void>;
}

/** The gateway as composed for its process, on a free port, with the registry it records in. */
async function meteredGateway(env: EnvSource): Promise<MeteredGateway> {
  const started = await composeService(
    loadConfig({ ...env, GATEWAY_SERVICE_PORT: '0' }),
    pino({ level: 'silent' }),
  );
  await started.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = started.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    metrics: started.metrics,
    stop: async () => {
      await started.app.close();
      await started.release();
    },
  };
}

describe('auth_sign_ins_total counts each sign-in callback by outcome', () => {
  let platform: SignInPlatform;
  let gateway: MeteredGateway;

  beforeAll(async () => {
    platform = await startSignInPlatform();
    gateway = await meteredGateway(platform.gatewayEnv);
  });
  afterAll(async () => {
    await gateway?.stop();
    await platform?.stop();
  });

  it('starts every outcome at zero', async () => {
    for (const outcome of ['signed_in', 'refused', 'provider_unavailable', 'failed']) {
      expect(await signIns(gateway.metrics, outcome)).toBe(0);
    }
  });

  it('counts a sign-in, and callbacks refused by the issuer or by the checks', async () => {
    const landed = await signIn(browserFor(gateway.url), gateway.url, PLAYER, `?return_to=${AUTH_PATHS.me}`);
    expect(landed.url.href).toBe(`${gateway.url}${AUTH_PATHS.me}`);
    expect(landed.response.status).toBe(200);
    expect(await signIns(gateway.metrics, 'signed_in')).toBe(1);

    const cancelled = await fetch(`${gateway.url}${AUTH_PATHS.callback}?error=access_denied&state=s`, {
      redirect: 'manual',
    });
    expect(cancelled.status).toBe(302);
    const unsolicited = await fetch(`${gateway.url}${AUTH_PATHS.callback}?code=c&state=s`, {
      redirect: 'manual',
    });
    expect(unsolicited.status).toBe(400);
    expect(await signIns(gateway.metrics, 'refused')).toBe(2);
    expect(await signIns(gateway.metrics, 'signed_in')).toBe(1);
  });

  it('counts a sign-in session-service could not open as failed, not as the provider’s', async () => {
    const withoutSessions = await meteredGateway({
      ...platform.gatewayEnv,
      SESSION_SERVICE_URL: CLOSED_PORT_URL,
    });
    try {
      const browser = browserFor(withoutSessions.url);
      const atCallback = await signIn(browser, withoutSessions.url, PLAYER, '', isCallback);
      const { response } = await browser.request(new URL(atCallback.response.headers.get('location') ?? ''));
      expect(response.status).toBe(503);
      expect(await signIns(withoutSessions.metrics, 'failed')).toBe(1);
      expect(await signIns(withoutSessions.metrics, 'provider_unavailable')).toBe(0);
    } finally {
      await withoutSessions.stop();
    }
  });
});

describe('auth_sign_ins_total while the identity provider is down', () => {
  it('counts a callback whose code cannot be exchanged as provider_unavailable', async () => {
    const provider = await startDevIdentityProvider({ port: 0 });
    const gateway = await meteredGateway(oidcEnvironment(provider.issuer, provider.projectId));
    try {
      const browser = browserFor(gateway.url);
      const atCallback = await signIn(browser, gateway.url, PLAYER, '', isCallback);
      await provider.stop();
      const { response } = await browser.request(new URL(atCallback.response.headers.get('location') ?? ''));
      expect(response.status).toBe(503);
      expect(await signIns(gateway.metrics, 'provider_unavailable')).toBe(1);
      expect(await signIns(gateway.metrics, 'failed')).toBe(0);
    } finally {
      await gateway.stop();
    }
  });
});
