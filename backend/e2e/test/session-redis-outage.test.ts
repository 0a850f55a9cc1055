import { freePort, RedisProcesses, redisServerInstalled, waitFor } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../src/api/client.js';
import { Browser } from '../src/browser.js';
import { QUICK_REDIS_RECOVERY, type RunningPlatform, startPlatform } from '../src/platform.js';
import { Player } from '../src/public-api.js';

const WEB_ORIGIN = 'https://play.e2e.example';

/** Every write reaches the disk before Redis answers, so a killed server comes back with it all. */
const DURABLE = ['--appendonly', 'yes', '--appendfsync', 'always'];

const canStartServers = await redisServerInstalled();

/**
 * session-service on a Redis server of the test's own, killed and started again on the same port
 * and files: session requests answer 503 problem+json with Retry-After meanwhile, bearer tokens
 * keep working, and the same cookie works again once Redis is back.
 */
describe.skipIf(!canStartServers)('sessions while their Redis goes down and comes back', () => {
  const servers = new RedisProcesses();
  let port: number;
  let platform: RunningPlatform;
  let browser: Browser;
  let player: Player;

  beforeAll(async () => {
    port = await freePort();
    await servers.startServer(port, DURABLE);
    platform = await startPlatform({
      dialect: 'sqlite',
      serviceEnv: {
        session: {
          REDIS_URL: `redis://127.0.0.1:${port}`,
          ...QUICK_REDIS_RECOVERY,
        },
        gateway: {
          CORS_ORIGINS: WEB_ORIGIN,
          // The gateway's breaker for session-service tries again soon after Redis is back.
          SERVICE_BREAKER_FIRST_PROBE_MS: '100',
          SERVICE_BREAKER_RESET_MS: '500',
        },
      },
    });
    browser = await Browser.signIn({
      gatewayUrl: platform.gatewayUrl,
      origin: WEB_ORIGIN,
      subject: 'e2e-max',
      name: 'Max',
    });
    player = await Player.signIn(platform.gatewayUrl, 'e2e-nia', 'Nia');
  });

  afterAll(async () => {
    await platform?.stop();
    await servers.stopAll();
  });

  it('answers session requests 503 while Redis is down, serves bearer tokens, and recovers', async () => {
    expect(ok(await browser.api.GET('/api/v1/me'))).toMatchObject({ id: 'e2e-max' });

    servers.kill(port);
    await waitFor('session requests refused', async () => {
      return (await browser.api.GET('/api/v1/me')).response.status === 503;
    });
    const refused = await browser.api.GET('/api/v1/me');
    expect(refused.response.status).toBe(503);
    expect(refused.response.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const opening = await player.api.POST('/api/v1/sessions', { body: { client: 'e2e' } });
    expect(opening.response.status).toBe(503);
    expect(opening.response.headers.get('retry-after')).not.toBeNull();
    expect(ok(await player.api.GET('/api/v1/me'))).toMatchObject({ id: 'e2e-nia' });
    expect(ok(await player.api.GET('/api/v1/themes')).items).toEqual([]);

    await servers.startServer(port, DURABLE);
    await waitFor('the same cookie accepted again', async () => {
      return (await browser.api.GET('/api/v1/me')).response.status === 200;
    });
    expect(ok(await browser.api.GET('/api/v1/sessions')).items).toHaveLength(1);
    const opened = ok(await player.api.POST('/api/v1/sessions', { body: { client: 'e2e' } }));
    expect(opened.session.userId).toBe('e2e-nia');
  });
});
