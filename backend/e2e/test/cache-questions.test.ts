import {
  createEmptyTestDatabase,
  deleteKeys,
  type EmptyTestDatabase,
  findTestRedis,
  redisCli,
  testDialects,
  testKeyPrefix,
  waitFor,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, type PublicApi, publicApi } from '../src/api/client.js';
import { type RunningPlatform, type RunningServices, startPlatform, startServices } from '../src/platform.js';
import { Player } from '../src/public-api.js';

const redisUrl = await findTestRedis();
const THEME = 'e2e-cache';
const QUESTIONS = Array.from({ length: 5 }, (_, index) => ({
  theme: THEME,
  text: `Cached question number ${index + 1}?`,
  answer: `cached answer ${index + 1}`,
}));
const answerTo = new Map(QUESTIONS.map((question) => [question.text, question.answer]));

/** A game in the theme, played through `api` until no question is left: the ids served, in order. */
async function playToTheEnd(api: PublicApi): Promise<string[]> {
  const game = ok(await api.POST('/api/v1/games', { body: { theme: THEME } }));
  const path = { params: { path: { id: game.id } } };
  const served: string[] = [];
  for (;;) {
    const next = await api.GET('/api/v1/games/{id}/question', path);
    if (next.response.status === 409) return served;
    const question = ok(next);
    served.push(question.questionId);
    ok(
      await api.POST('/api/v1/games/{id}/answers', {
        ...path,
        body: { answer: answerTo.get(question.text) ?? '' },
      }),
    );
  }
}

/**
 * Two question-service and two game-service instances at once, on real ports, sharing their
 * databases and one Redis: platform A (with the gateway and admin-service, whose calls reach
 * question-service A) and instances B (game-service B draws from question-service B).
 */
describe.skipIf(redisUrl === null).each(testDialects())(
  'the question cache across instances, on %s',
  (dialect) => {
    const url = redisUrl ?? '';
    const keyPrefix = testKeyPrefix('e2e-cache-questions');
    let questionsDb: EmptyTestDatabase;
    let gamesDb: EmptyTestDatabase;
    let platform: RunningPlatform;
    let others: RunningServices<'question' | 'game'>;
    let admin: Player;
    let players = 0;

    /** A new player's client of game-service: through the gateway (instance A), or B directly. */
    const playerOn = async (instance: 'A' | 'B'): Promise<PublicApi> => {
      players += 1;
      const player = await Player.signIn(platform.gatewayUrl, `e2e-cache-${dialect}-${players}`, 'Cass');
      if (instance === 'A') return player.api;
      return publicApi(others.urls.game, player.token.slice('Bearer '.length)).api;
    };

    const themeCount = async (baseUrl: string) => {
      const themes = ok(await publicApi(baseUrl).api.GET('/api/v1/themes'));
      return themes.items.find((item) => item.theme === THEME)?.questionCount;
    };

    beforeAll(async () => {
      [questionsDb, gamesDb] = await Promise.all([
        createEmptyTestDatabase(dialect),
        createEmptyTestDatabase(dialect),
      ]);
      const question = { REDIS_URL: url, REDIS_KEY_PREFIX: keyPrefix, DATABASE_URL: questionsDb.url };
      platform = await startPlatform({
        dialect,
        serviceEnv: { question, game: { DATABASE_URL: gamesDb.url } },
      });
      others = await startServices(['question', 'game'], {
        dialect,
        serviceEnv: {
          question,
          game: {
            DATABASE_URL: gamesDb.url,
            USER_SERVICE_URL: platform.urls.user,
            LEADERBOARD_SERVICE_URL: platform.urls.leaderboard,
          },
        },
      });
      admin = await Player.signIn(platform.gatewayUrl, `e2e-cache-admin-${dialect}`, 'Ada', ['admin']);
      const imported = await admin.api.POST('/api/v1/admin/questions/import', {
        body: { format: 'json', fileName: 'cached.json', content: JSON.stringify(QUESTIONS) },
      });
      expect(ok(imported)).toMatchObject({ imported: QUESTIONS.length });
    });

    afterAll(async () => {
      await others?.stop();
      await platform?.stop();
      await Promise.all([questionsDb?.dispose(), gamesDb?.dispose()]);
      await deleteKeys(url, keyPrefix);
    });

    it('honours an admin deactivation through one instance in the draws through the others', async () => {
      // Both question-service instances cache the theme's pool, holding every question.
      for (const instance of ['A', 'B'] as const) {
        expect(await playToTheEnd(await playerOn(instance))).toHaveLength(QUESTIONS.length);
      }
      expect(await redisCli(url, '--scan', '--pattern', `${keyPrefix}cache:questions:pool:*`)).not.toBe('');
      expect(await themeCount(others.urls.question)).toBe(QUESTIONS.length);

      const listed = ok(
        await admin.api.GET('/api/v1/admin/questions', { params: { query: { theme: THEME } } }),
      );
      const removed = listed.items[0]?.id ?? '';
      const deactivated = await admin.api.PATCH('/api/v1/admin/questions/{id}', {
        params: { path: { id: removed } },
        body: { isActive: false },
      });
      expect(ok(deactivated).isActive).toBe(false);

      // Draws that follow the deactivation, on either instance, never serve it.
      for (const instance of ['B', 'A', 'B'] as const) {
        const served = await playToTheEnd(await playerOn(instance));
        expect(served).not.toContain(removed);
        expect(served).toHaveLength(QUESTIONS.length - 1);
      }
      // The theme list: at once where the change was made, and on the other instance once the bus told it.
      expect(await themeCount(platform.gatewayUrl)).toBe(QUESTIONS.length - 1);
      await waitFor(
        'the theme list of the other instance',
        async () => (await themeCount(others.urls.question)) === QUESTIONS.length - 1,
      );
    });
  },
);
