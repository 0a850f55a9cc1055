import { startDevIdentityProvider } from '@know-foolery/dev-identity';
import { describe, expect, it } from 'vitest';
import { AUTH_PATHS } from '../src/contract/auth.js';
import { oidcEnvironment, startGateway } from './auth-platform.js';
import { browserFor, isCallback, PLAYER, signIn } from './auth-sign-in-helpers.js';

async function problemOf(response: Response): Promise<unknown> {
  return response.json();
}

describe('signing in while the identity provider is down', () => {
  it('starts the gateway anyway, answers 503 with Retry-After, and discovers the issuer once it is back', async () => {
    const first = await startDevIdentityProvider({ port: 0 });
    const { issuer, projectId } = first;
    const port = Number(new URL(first.url).port);
    await first.stop();

    const gateway = await startGateway(oidcEnvironment(issuer, projectId));
    try {
      const down = await fetch(`${gateway.url}${AUTH_PATHS.signIn}`, { redirect: 'manual' });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(await problemOf(down)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);

      const back = await startDevIdentityProvider({ port });
      try {
        const up = await fetch(`${gateway.url}${AUTH_PATHS.signIn}`, { redirect: 'manual' });
        expect(up.status).toBe(302);
        expect(up.headers.get('location')).toMatch(new RegExp(`^${issuer}/oauth/v2/authorize\\?`));
      } finally {
        await back.stop();
      }
    } finally {
      await gateway.stop();
    }
  });

  it('answers 503 when the issuer goes down between the sign-in and the callback', async () => {
    const provider = await startDevIdentityProvider({ port: 0 });
    const gateway = await startGateway(oidcEnvironment(provider.issuer, provider.projectId));
    try {
      const browser = browserFor(gateway.url);
      const atCallback = await signIn(browser, gateway.url, PLAYER, '', isCallback);
      await provider.stop();

      const { response } = await browser.request(new URL(atCallback.response.headers.get('location') ?? ''));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await problemOf(response)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      expect(response.headers.getSetCookie()).toEqual([
        'kf_sign_in=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
      ]);
    } finally {
      await gateway.stop();
    }
  });
});
