import {
  type ProjectRole,
  type ProvisionedUser,
  type UserProvisioner,
  userProvisioner,
} from '@know-foolery/dev-identity';
import { AUTH_PATHS } from '@know-foolery/gateway-service/contract';
import { SERVICE_NAMES } from '@know-foolery/shared/config';
import {
  deleteKeys,
  findTestRedis,
  signIn,
  signInForAccessToken,
  TestBrowser,
  testDialects,
  testKeyPrefix,
} from '@know-foolery/shared/testing';
import { sleep } from '@know-foolery/shared/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, type PublicApi, publicApi } from '../src/api/client.js';
import { Browser } from '../src/browser.js';
import { ApiClient } from '../src/http.js';
import type { RunningPlatform } from '../src/platform.js';
import { type RelayedPlatform, signedInAdmin, startRelayedPlatform, withTypo } from '../src/platform-load.js';

const redisUrl = await findTestRedis();
const postgres = testDialects().includes('postgres');
if (!postgres) {
  process.stderr.write('\n*** No PostgreSQL for this run: the deployed-platform test is SKIPPED. ***\n\n');
}

const THEME = 'e2e-deployed';
const question = (answer: string, index: number) => ({
  theme: THEME,
  text: `Which invented river is number ${index + 1} of the deployed run?`,
  answer,
  hint: `It starts with ${answer[0]}.`,
});
const FIRST_BATCH = ['Wendlewater', 'Brisklemoor', 'Quillanbeck'].map(question);
const SECOND_BATCH = ['Marrowsedge', 'Tumbleforth'].map((answer, index) => question(answer, index + 3));
const answerTo = new Map([...FIRST_BATCH, ...SECOND_BATCH].map((entry) => [entry.text, entry.answer]));

interface ServiceDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A person signed in at the identity provider through the gateway, as the web client's page. */
async function signedIn(gatewayUrl: string, user: ProvisionedUser): Promise<Browser> {
  const web = new TestBrowser();
  await signIn(web, { start: `${gatewayUrl}${AUTH_PATHS.signIn}`, user });
  const page = new Browser(gatewayUrl, new URL(gatewayUrl).origin, web);
  await page.adoptSession();
  return page;
}

/** An admin route that is not in the public API document (it exists only with Zitadel): by hand, as the page would. */
async function adminPost(admin: Browser, gatewayUrl: string, path: string) {
  const response = await admin.web.fetch(
    new Request(`${gatewayUrl}${path}`, {
      method: 'POST',
      headers: { origin: new URL(gatewayUrl).origin, 'x-csrf-token': admin.csrfToken ?? '' },
    }),
  );
  return { status: response.status, body: await response.json() };
}

async function statusAndCode(response: Response) {
  const body: unknown = await response.json();
  const code = typeof body === 'object' && body !== null && 'code' in body ? body.code : undefined;
  return { status: response.status, code };
}

/** A game in THEME played to its end (no question left), every answer right: the ids served. */
async function playToTheEnd(api: PublicApi): Promise<string[]> {
  const { id } = ok(await api.POST('/api/v1/games', { body: { theme: THEME } }));
  const path = { params: { path: { id } } };
  const served: string[] = [];
  for (;;) {
    const next = await api.GET('/api/v1/games/{id}/question', path);
    if (next.response.status === 409) return served;
    const drawn = ok(next);
    served.push(drawn.questionId);
    const answer = answerTo.get(drawn.text) ?? '';
    ok(await api.POST('/api/v1/games/{id}/answers', { ...path, body: { answer } }));
  }
}

/**
 * Issue 16's end to end, on the platform as deployed: PostgreSQL, Redis (sessions, caches,
 * revocation marks) and every person signed in at the development identity provider, nothing mocked.
 */
describe.skipIf(redisUrl === null || !postgres)(
  'the platform as deployed: PostgreSQL, Redis and sign-ins at the identity provider',
  () => {
    const keyPrefix = testKeyPrefix('e2e-deployed-platform');
    let relayed: RelayedPlatform;
    let platform: RunningPlatform;
    let gatewayUrl: string;
    let admin: Browser;
    let people = 0;

    let provision: UserProvisioner;
    const newPerson = (roles: readonly ProjectRole[] = ['player']) => {
      people += 1;
      return provision(`deployed-${people}`, roles);
    };

    /** The person's access token from the provider, as an app that brings its own token holds it. */
    const accessTokenOf = (user: ProvisionedUser) => {
      if (platform.identity === null) throw new Error('the platform runs without the identity provider');
      return signInForAccessToken({
        issuer: platform.identity.issuer,
        client: platform.identity.clients.web,
        redirectUri: `${gatewayUrl}${AUTH_PATHS.callback}`,
        username: user.username,
        password: user.password,
      });
    };

    beforeAll(async () => {
      relayed = await startRelayedPlatform(redisUrl ?? '', keyPrefix);
      platform = relayed.platform;
      gatewayUrl = platform.gatewayUrl;
      if (platform.identity === null) throw new Error('the platform runs without the identity provider');
      provision = await userProvisioner(platform.identity);
      admin = await signedInAdmin(gatewayUrl);
      const imported = await admin.api.POST('/api/v1/admin/questions/import', {
        body: { format: 'json', fileName: 'deployed-first.json', content: JSON.stringify(FIRST_BATCH) },
      });
      expect(ok(imported)).toMatchObject({ imported: FIRST_BATCH.length });
    });

    afterAll(async () => {
      await relayed?.stop();
      if (redisUrl !== null) await deleteKeys(redisUrl, keyPrefix);
    });

    it('takes a new player from sign-in through a game with a hint and a typo to their rank on both boards', async () => {
      const user = await newPerson();
      const page = await signedIn(gatewayUrl, user);
      expect(ok(await page.api.GET('/api/v1/me'))).toMatchObject({ id: user.id });

      const { id } = ok(await page.api.POST('/api/v1/games', { body: { theme: THEME } }));
      const path = { params: { path: { id } } };
      const first = ok(await page.api.GET('/api/v1/games/{id}/question', path));
      expect(ok(await page.api.POST('/api/v1/games/{id}/hint', path)).hint).toMatch(/^It starts with /);
      const typo = ok(
        await page.api.POST('/api/v1/games/{id}/answers', {
          ...path,
          body: { answer: withTypo(answerTo.get(first.text) ?? '') },
        }),
      );
      expect(typo).toMatchObject({ correct: true, pointsAwarded: 1, settled: true });
      expect(typo.verdict.reason).toBe('typo');
      const second = ok(await page.api.GET('/api/v1/games/{id}/question', path));
      const exact = ok(
        await page.api.POST('/api/v1/games/{id}/answers', {
          ...path,
          body: { answer: answerTo.get(second.text) ?? '' },
        }),
      );
      expect(exact).toMatchObject({ correct: true, pointsAwarded: 2, score: 3 });
      expect(ok(await page.api.POST('/api/v1/games/{id}/finish', path))).toMatchObject({
        status: 'finished',
        score: 3,
      });

      for (const period of ['all', 'week'] as const) {
        const query = { params: { query: { period } } };
        const board = ok(await page.api.GET('/api/v1/leaderboard', query));
        expect(board.items).toContainEqual(expect.objectContaining({ userId: user.id, score: 3 }));
        expect(ok(await page.api.GET('/api/v1/leaderboard/me', query))).toMatchObject({ score: 3 });
      }
      expect(page.bearerRequestsAfterSignIn).toEqual([]);
    });

    it('refuses players on the admin and internal routes of every service, and lets the admin in', async () => {
      const player = await accessTokenOf(await newPerson());
      const adminToken = await accessTokenOf(await newPerson(['player', 'admin']));
      const wrong: string[] = [];
      for (const name of SERVICE_NAMES.filter((service) => service !== 'gateway')) {
        const document = await new ApiClient(platform.urls[name]).get<ServiceDocument>('/openapi.json');
        const privileged = Object.entries(document.body.paths)
          .filter(([path]) => path.startsWith('/internal/') || path.startsWith('/api/v1/admin'))
          .flatMap(([path, operations]) =>
            Object.keys(operations)
              .filter((method) => method !== 'head')
              .map((method) => ({ method: method.toUpperCase(), path })),
          );
        for (const { method, path } of privileged) {
          const url = `${platform.urls[name]}${path.replaceAll(/\{[^}]+\}/g, 'deployed-probe')}`;
          const asPlayer = await fetch(url, { method, headers: { authorization: `Bearer ${player}` } });
          if (asPlayer.status !== 403)
            wrong.push(`${name} ${method} ${path} as a player: ${asPlayer.status}`);
          const unsigned = await fetch(url, { method });
          if (unsigned.status !== 401) wrong.push(`${name} ${method} ${path} unsigned: ${unsigned.status}`);
          if (path.startsWith('/api/v1/admin')) {
            const asAdmin = await fetch(url, { method, headers: { authorization: `Bearer ${adminToken}` } });
            if ([401, 403].includes(asAdmin.status))
              wrong.push(`${name} ${method} ${path} as an admin: ${asAdmin.status}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('lets a player draw the questions an admin imports into a theme whose pool is already cached', async () => {
      const page = await signedIn(gatewayUrl, await newPerson());
      // The theme's pool is read, and cached (Redis and first level), by a whole game.
      expect(await playToTheEnd(page.api)).toHaveLength(FIRST_BATCH.length);
      const imported = await admin.api.POST('/api/v1/admin/questions/import', {
        body: { format: 'json', fileName: 'deployed-second.json', content: JSON.stringify(SECOND_BATCH) },
      });
      expect(ok(imported)).toMatchObject({ imported: SECOND_BATCH.length });

      // The import invalidated the cached pool before answering: the very next game sees the new questions.
      const themes = ok(await publicApi(gatewayUrl).api.GET('/api/v1/themes'));
      expect(themes.items).toContainEqual({
        theme: THEME,
        questionCount: FIRST_BATCH.length + SECOND_BATCH.length,
      });
      expect(await playToTheEnd(page.api)).toHaveLength(FIRST_BATCH.length + SECOND_BATCH.length);
    });

    it('lets a player finish the open question an admin deactivates mid-game, and never draws a deactivated one', async () => {
      const page = await signedIn(gatewayUrl, await newPerson());
      const { id } = ok(await page.api.POST('/api/v1/games', { body: { theme: THEME } }));
      const path = { params: { path: { id } } };
      const open = ok(await page.api.GET('/api/v1/games/{id}/question', path));
      const bank = ok(
        await admin.api.GET('/api/v1/admin/questions', { params: { query: { theme: THEME } } }),
      );
      const other = bank.items.find((item) => item.id !== open.questionId);
      if (other === undefined) throw new Error('the theme holds one question only');
      for (const questionId of [open.questionId, other.id]) {
        const deactivated = await admin.api.PATCH('/api/v1/admin/questions/{id}', {
          params: { path: { id: questionId } },
          body: { isActive: false },
        });
        expect(ok(deactivated).isActive).toBe(false);
      }

      // The question the player holds was drawn with its answer: it is still theirs to settle.
      const answered = ok(
        await page.api.POST('/api/v1/games/{id}/answers', {
          ...path,
          body: { answer: answerTo.get(open.text) ?? '' },
        }),
      );
      expect(answered).toMatchObject({
        correct: true,
        settled: true,
        correctAnswer: answerTo.get(open.text),
      });
      const served = [open.questionId];
      for (;;) {
        const next = await page.api.GET('/api/v1/games/{id}/question', path);
        if (next.response.status === 409) break;
        const drawn = ok(next);
        served.push(drawn.questionId);
        ok(
          await page.api.POST('/api/v1/games/{id}/answers', {
            ...path,
            body: { answer: answerTo.get(drawn.text) ?? '' },
          }),
        );
      }
      expect(served).not.toContain(other.id);
      expect(served).toHaveLength(bank.items.length - 1);
      expect(ok(await page.api.GET('/api/v1/games/{id}', path))).toMatchObject({ status: 'exhausted' });
    });

    it('ends a deactivated player’s sessions and tokens on their next request, and lets them back once reactivated', async () => {
      const user = await newPerson();
      const page = await signedIn(gatewayUrl, user);
      const token = await accessTokenOf(user);
      const cookie = page.sessionCookie ?? '';
      ok(await page.api.GET('/api/v1/me'));

      const deactivated = await adminPost(admin, gatewayUrl, `/api/v1/admin/players/${user.id}/deactivate`);
      expect(deactivated).toMatchObject({
        status: 200,
        body: { player: { id: user.id, state: 'inactive' } },
      });
      const withCookie = await fetch(`${gatewayUrl}/api/v1/me`, {
        headers: { cookie: `kf_session=${cookie}` },
      });
      expect(await statusAndCode(withCookie)).toEqual({ status: 401, code: 'SESSION_INVALID' });
      const withToken = await fetch(`${gatewayUrl}/api/v1/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await statusAndCode(withToken)).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
      await expect(signedIn(gatewayUrl, user)).rejects.toThrow();

      const reactivated = await adminPost(admin, gatewayUrl, `/api/v1/admin/players/${user.id}/reactivate`);
      expect(reactivated).toMatchObject({ status: 200, body: { id: user.id, state: 'active' } });
      // Tokens carry `iat` in whole seconds: one issued in the second of the deactivation's revocation
      // mark counts as issued before it. The next second's sign-in is the first that can hold.
      await sleep(1_001 - (Date.now() % 1_000));
      const back = await signedIn(gatewayUrl, user);
      expect(ok(await back.api.GET('/api/v1/me'))).toMatchObject({ id: user.id });
    });

    it('signs a player out everywhere: both devices and their bearer token refused', async () => {
      const user = await newPerson();
      const [phone, laptop] = [await signedIn(gatewayUrl, user), await signedIn(gatewayUrl, user)];
      const token = await accessTokenOf(user);
      expect(ok(await phone.api.GET('/api/v1/sessions')).items).toHaveLength(2);
      expect(ok(await phone.api.DELETE('/api/v1/sessions'))).toMatchObject({ revoked: 2 });
      for (const device of [phone, laptop]) {
        expect((await device.api.GET('/api/v1/me')).response.status).toBe(401);
      }
      const withToken = await fetch(`${gatewayUrl}/api/v1/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await statusAndCode(withToken)).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
    });
  },
);
