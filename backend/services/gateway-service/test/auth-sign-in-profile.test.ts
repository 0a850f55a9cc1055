import { DEV_ORGANIZATION, DEV_USERS } from '@know-foolery/dev-identity';
import { freePort, type TestBrowser } from '@know-foolery/shared/testing';
import { identityProfilePath } from '@know-foolery/user-service/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_PATHS } from '../src/contract/auth.js';
import {
  capturingLogger,
  type LogLine,
  type RunningGateway,
  type SignInPlatform,
  startGateway,
  startSignInPlatform,
} from './auth-platform.js';
import { browserFor, createPerson, machineToken, PLAYER, signIn } from './auth-sign-in-helpers.js';

type Json = Record<string, unknown>;

async function json(response: Response): Promise<Json> {
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null) throw new Error(`not an object: ${JSON.stringify(body)}`);
  return Object.fromEntries(Object.entries(body));
}

describe("who signed in: the ID token's profile in the session and in user-service", () => {
  const logs: LogLine[] = [];
  let platform: SignInPlatform;
  let gateway: string;
  let serviceToken: string;

  beforeAll(async () => {
    platform = await startSignInPlatform(capturingLogger(logs));
    gateway = platform.gateway.url;
    serviceToken = await machineToken(platform.provider);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  /** The profile user-service keeps, read as another service would. */
  const profileAtUserService = async (userId: string): Promise<Json> => {
    const response = await fetch(new URL(identityProfilePath(userId), platform.userServiceUrl), {
      headers: { authorization: `Bearer ${serviceToken}` },
    });
    expect(response.status).toBe(200);
    return json(response);
  };

  /** Who the browser's session says it is. */
  const me = async (browser: TestBrowser, at = gateway): Promise<Json> => {
    const { response } = await browser.request(`${at}${AUTH_PATHS.me}`);
    expect(response.status).toBe(200);
    return json(response);
  };

  it('names the player in `me`, and user-service keeps the profile the ID token describes', async () => {
    const browser = browserFor(gateway);
    await signIn(browser, gateway, PLAYER);

    expect(await me(browser)).toMatchObject({ id: DEV_USERS.player.id, name: 'Pat Player' });
    expect(await profileAtUserService(DEV_USERS.player.id)).toEqual({
      id: DEV_USERS.player.id,
      displayName: 'Pat Player',
      name: 'Pat Player',
      preferredUsername: 'player',
      email: `player@${DEV_ORGANIZATION.primaryDomain}`,
      emailVerified: true,
      locale: 'en',
      refreshedAt: expect.any(String),
    });
  });

  it('refreshes the profile at the next sign-in, and keeps the display name the player chose', async () => {
    const browser = browserFor(gateway);
    await signIn(browser, gateway, PLAYER);
    const { csrfToken } = await json((await browser.request(`${gateway}/api/v1/sessions/current`)).response);
    const renamed = await browser.request(`${gateway}/api/v1/me`, {
      method: 'PATCH',
      headers: {
        origin: new URL(gateway).origin,
        'x-csrf-token': String(csrfToken),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ displayName: 'Quiz Pat' }),
    });
    expect(renamed.response.status).toBe(200);
    // What an older sign-in had said of the player, before the identity provider changed it.
    const stale = await fetch(new URL(identityProfilePath(DEV_USERS.player.id), platform.userServiceUrl), {
      method: 'PUT',
      headers: { authorization: `Bearer ${serviceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Patricia Player',
        preferredUsername: 'pat',
        email: 'old@example.org',
        emailVerified: false,
        locale: 'de',
      }),
    });
    expect(stale.status).toBe(200);

    await signIn(browserFor(gateway), gateway, PLAYER);
    expect(await profileAtUserService(DEV_USERS.player.id)).toMatchObject({
      displayName: 'Quiz Pat',
      name: 'Pat Player',
      preferredUsername: 'player',
      email: `player@${DEV_ORGANIZATION.primaryDomain}`,
      emailVerified: true,
      locale: 'en',
    });
  });

  it("creates a new player's profile from their own details at the issuer, leaving out what is unfit", async () => {
    const longName = `Zoë ${'Quizwhiz'.repeat(10)}`;
    const zoe = await createPerson(platform.provider, {
      username: 'zoe',
      password: 'zoe-password-1',
      // Too long for a session (64), short enough for the profile (200); a locale that is no language tag.
      profile: { givenName: 'Zoë', familyName: 'Q', displayName: longName, preferredLanguage: 'not a tag' },
      email: { email: 'zoe@example.org', isVerified: false },
      roles: ['player'],
    });
    const browser = browserFor(gateway);
    await signIn(browser, gateway, zoe);

    const who = await me(browser);
    expect(who.name).toBe('zoe');
    expect(await profileAtUserService(String(who.id))).toEqual({
      id: who.id,
      displayName: 'zoe',
      name: longName,
      preferredUsername: 'zoe',
      email: 'zoe@example.org',
      emailVerified: false,
      locale: null,
      refreshedAt: expect.any(String),
    });
  });

  describe('while a service it calls is down', () => {
    const downLogs: LogLine[] = [];
    let partial: RunningGateway;

    afterAll(async () => {
      await partial?.stop();
    });

    it('signs in without user-service, and logs why the profile was not refreshed', async () => {
      partial = await startGateway(
        { ...platform.gatewayEnv, USER_SERVICE_URL: `http://127.0.0.1:${await freePort()}` },
        capturingLogger(downLogs),
      );
      const browser = browserFor(partial.url);
      const landed = await signIn(browser, partial.url, PLAYER, `?return_to=${AUTH_PATHS.me}`);

      expect(landed.response.status).toBe(200);
      expect(await json(landed.response)).toMatchObject({ id: DEV_USERS.player.id, name: 'Pat Player' });
      expect(downLogs).toEqual([
        expect.objectContaining({
          level: 40,
          event: 'sign_in_profile_refresh_failed',
          code: 'UPSTREAM_UNAVAILABLE',
        }),
      ]);
      // The claims are personal data: the log names the failure, not the person's details.
      expect(JSON.stringify(downLogs)).not.toContain(DEV_USERS.player.email);
    });

    it('answers 503 UPSTREAM_UNAVAILABLE with Retry-After at the callback while session-service is down', async () => {
      const noSessions = await startGateway({
        ...platform.gatewayEnv,
        SESSION_SERVICE_URL: `http://127.0.0.1:${await freePort()}`,
      });
      try {
        const browser = browserFor(noSessions.url);
        const landed = await signIn(browser, noSessions.url, PLAYER);
        expect(landed.url.pathname).toBe(AUTH_PATHS.callback);
        expect(landed.response.status).toBe(503);
        expect(landed.response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await json(landed.response)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
        expect(browser.cookie(noSessions.url, 'kf_session')).toBeUndefined();
      } finally {
        await noSessions.stop();
      }
    });
  });

  it('logged nothing while every service was up', () => {
    expect(logs).toEqual([]);
  });
});
