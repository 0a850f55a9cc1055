import { deleteKeys, findTestRedis, testKeyPrefix } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../src/api/client.js';
import { Browser } from '../src/browser.js';
import { type RunningPlatform, startPlatform } from '../src/platform.js';

const WEB_ORIGIN = 'https://play.e2e.example';

const redisUrl = await findTestRedis();

/**
 * Sessions live in Redis, so a new session-service process, and a new gateway process, know the
 * same cookie: both run as real processes (their built dist/main.js) that the test stops and
 * starts again at the same address, with nothing carried over in memory.
 */
describe.skipIf(redisUrl === null)('a session across restarts of session-service and the gateway', () => {
  const url = redisUrl ?? '';
  const keyPrefix = testKeyPrefix('e2e-session-restarts');
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform({
      dialect: 'sqlite',
      processes: ['session', 'gateway'],
      serviceEnv: {
        session: { REDIS_URL: url, REDIS_KEY_PREFIX: keyPrefix },
        gateway: { CORS_ORIGINS: WEB_ORIGIN },
      },
    });
    browser = await Browser.signIn({
      gatewayUrl: platform.gatewayUrl,
      origin: WEB_ORIGIN,
      subject: 'e2e-lou',
      name: 'Lou',
    });
  });

  afterAll(async () => {
    await platform?.stop();
    await deleteKeys(url, keyPrefix);
  });

  it('keeps the same cookie signed in, then signs out', async () => {
    const before = ok(await browser.api.GET('/api/v1/sessions/current'));
    expect(ok(await browser.api.GET('/api/v1/me'))).toMatchObject({ id: 'e2e-lou' });

    await platform.restart('session');
    expect(ok(await browser.api.GET('/api/v1/me'))).toMatchObject({ id: 'e2e-lou' });
    expect(ok(await browser.api.GET('/api/v1/sessions/current'))).toEqual(before);

    await platform.restart('gateway');
    expect(ok(await browser.api.GET('/api/v1/me'))).toMatchObject({ id: 'e2e-lou' });
    const sessionId = { params: { path: { id: before.session.id } } };
    expect((await browser.api.POST('/api/v1/sessions/{id}/touch', sessionId)).response.status).toBe(200);

    expect((await browser.api.DELETE('/api/v1/sessions/current')).response.status).toBe(204);
    expect((await browser.api.GET('/api/v1/me')).response.status).toBe(401);
    expect(browser.bearerRequestsAfterSignIn).toEqual([]);
  });
});
