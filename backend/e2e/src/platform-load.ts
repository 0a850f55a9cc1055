import { DEV_USERS, totpCode } from '@know-foolery/dev-identity';
import { AUTH_PATHS } from '@know-foolery/gateway-service/contract';
import { startTcpRelay, type TcpRelay } from '@know-foolery/shared/fault-injection';
import { signIn, signInForAccessToken, TestBrowser } from '@know-foolery/shared/testing';
import { ok, type PublicApi } from './api/client.js';
import { Browser } from './browser.js';
import { CLOSED_PORT_URL, QUICK_REDIS_RECOVERY, type RunningPlatform, startPlatform } from './platform.js';

/** The services that talk to Redis when given a `REDIS_URL`. */
export const REDIS_SERVICES = ['gateway', 'question', 'session', 'leaderboard'] as const;

/**
 * The platform on PostgreSQL, signing people in at the development identity provider, the four
 * services that use Redis reaching it through one relay and the gateway reaching session-service
 * through another: a test cuts either to take the platform through an outage (and have it export
 * what only an outage produces) without stopping anything.
 */
export interface RelayedPlatform {
  readonly platform: RunningPlatform;
  readonly redisRelay: TcpRelay;
  readonly sessionRelay: TcpRelay;
  stop(): Promise<void>;
}

export async function startRelayedPlatform(redisUrl: string, keyPrefix: string): Promise<RelayedPlatform> {
  const redisServer = new URL(redisUrl);
  const redisRelay = await startTcpRelay({
    host: redisServer.hostname,
    port: Number(redisServer.port || 6379),
  });
  // session-service listens on its port only after the gateway's environment is written: the relay
  // is pointed there once the platform runs; nothing calls session-service through it before.
  const sessionRelay = await startTcpRelay({
    host: '127.0.0.1',
    port: Number(new URL(CLOSED_PORT_URL).port),
  });
  const relayedRedisUrl = new URL(redisUrl);
  relayedRedisUrl.hostname = '127.0.0.1';
  relayedRedisUrl.port = String(redisRelay.port);
  const redis = { REDIS_URL: relayedRedisUrl.href, REDIS_KEY_PREFIX: keyPrefix, ...QUICK_REDIS_RECOVERY };
  const closeRelays = async () => {
    await redisRelay.close();
    await sessionRelay.close();
  };
  try {
    const platform = await startPlatform({
      dialect: 'postgres',
      identity: {},
      serviceEnv: {
        gateway: { ...redis, SESSION_SERVICE_URL: `http://127.0.0.1:${sessionRelay.port}` },
        question: redis,
        session: redis,
        leaderboard: redis,
      },
    });
    sessionRelay.retarget({ host: '127.0.0.1', port: Number(new URL(platform.urls.session).port) });
    return {
      platform,
      redisRelay,
      sessionRelay,
      stop: async () => {
        try {
          await platform.stop();
        } finally {
          await closeRelays();
        }
      },
    };
  } catch (error) {
    await closeRelays();
    throw error;
  }
}

/** Whether a service's scrape holds a series of the family (a histogram's `_count` counts). */
export async function scrapeHas(metricsUrl: string, family: string): Promise<boolean> {
  const names = [family, `${family}_count`];
  const text = await (await fetch(metricsUrl)).text();
  return text
    .split('\n')
    .some((line) => names.some((name) => line.startsWith(`${name}{`) || line.startsWith(`${name} `)));
}

/** The admin signed in at the gateway with the second factor (admin routes ask for it), as a web page. */
export async function signedInAdmin(gatewayUrl: string): Promise<Browser> {
  const web = new TestBrowser();
  await signIn(web, {
    start: `${gatewayUrl}${AUTH_PATHS.signIn}?step_up=1&return_to=${AUTH_PATHS.me}`,
    user: DEV_USERS.admin,
    totp: () => totpCode(DEV_USERS.admin.totpSecret),
  });
  const page = new Browser(gatewayUrl, new URL(gatewayUrl).origin, web);
  await page.adoptSession();
  return page;
}

/** The player's access token from the identity provider, as an app that brings its own token holds it. */
export function playerBearerToken(platform: RunningPlatform): Promise<string> {
  if (platform.identity === null) throw new Error('the platform was started without the identity provider');
  return signInForAccessToken({
    issuer: platform.identity.issuer,
    client: platform.identity.clients.web,
    redirectUri: `${platform.gatewayUrl}${AUTH_PATHS.callback}`,
    username: DEV_USERS.player.username,
    password: DEV_USERS.player.password,
  });
}

/** The answer with one letter left out: a slip the judge forgives in a word of ten letters. */
export function withTypo(answer: string): string {
  return `${answer.slice(0, 2)}${answer.slice(3)}`;
}

/**
 * One game of two questions in `theme`, each verdict the game counts: the first question asked for
 * its hint, missed, then answered with a typo; the second answered exactly; then finished.
 */
export async function playTwoQuestions(
  api: PublicApi,
  theme: string,
  answerTo: ReadonlyMap<string, string>,
): Promise<void> {
  const { id } = ok(await api.POST('/api/v1/games', { body: { theme } }));
  const path = { params: { path: { id } } };
  const first = ok(await api.GET('/api/v1/games/{id}/question', path));
  ok(await api.POST('/api/v1/games/{id}/hint', path));
  ok(await api.POST('/api/v1/games/{id}/answers', { ...path, body: { answer: 'certainly not the answer' } }));
  const typo = withTypo(answerTo.get(first.text) ?? '');
  ok(await api.POST('/api/v1/games/{id}/answers', { ...path, body: { answer: typo } }));
  const second = ok(await api.GET('/api/v1/games/{id}/question', path));
  const exact = answerTo.get(second.text) ?? '';
  ok(await api.POST('/api/v1/games/{id}/answers', { ...path, body: { answer: exact } }));
  ok(await api.POST('/api/v1/games/{id}/finish', path));
}
