import { readFileSync } from 'node:fs';
import {
  deleteKeys,
  findTestRedis,
  redisCli,
  testDialects,
  testKeyPrefix,
  waitFor,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../src/api/client.js';
import { type RunningPlatform, startPlatform } from '../src/platform.js';
import { Player } from '../src/public-api.js';

interface FixtureQuestion {
  text: string;
  answer: string;
}

const FIXTURE_TEXT = readFileSync(new URL('./fixtures/questions.json', import.meta.url), 'utf8');
const FIXTURE: FixtureQuestion[] = JSON.parse(FIXTURE_TEXT);
const THEME = 'e2e-trivia';
/** Names are kept this long by leaderboard-service: a rename must show within it. */
const NAME_CACHE_SECONDS = 1;

const redisUrl = await findTestRedis();

describe.skipIf(redisUrl === null).each(testDialects())(
  'the leaderboard served from Redis through the gateway, on %s',
  (dialect) => {
    const url = redisUrl ?? '';
    const keyPrefix = testKeyPrefix('e2e-leaderboard');
    let platform: RunningPlatform;
    let ann: Player;
    let bob: Player;

    beforeAll(async () => {
      platform = await startPlatform({
        dialect,
        serviceEnv: {
          leaderboard: {
            REDIS_URL: url,
            REDIS_KEY_PREFIX: keyPrefix,
            LEADERBOARD_NAME_CACHE_SECONDS: String(NAME_CACHE_SECONDS),
          },
        },
      });
      const admin = await Player.signIn(platform.gatewayUrl, 'e2e-lb-admin', 'Admin', ['admin']);
      ok(
        await admin.api.POST('/api/v1/admin/questions/import', {
          body: { format: 'json', fileName: 'e2e-leaderboard.json', content: FIXTURE_TEXT },
        }),
      );
      ann = await Player.signIn(platform.gatewayUrl, 'e2e-lb-ann', 'Ann');
      bob = await Player.signIn(platform.gatewayUrl, 'e2e-lb-bob', 'Bob');
    });

    afterAll(async () => {
      await platform?.stop();
      await deleteKeys(url, keyPrefix);
    });

    it('ranks finished games from Redis sorted sets, every key with a lifetime', async () => {
      const annGame = ok(await ann.startGame(THEME)).id;
      const served = ok(await ann.question(annGame));
      const answer = FIXTURE.find((question) => question.text === served.text)?.answer ?? '';
      expect(ok(await ann.answer(annGame, answer))).toMatchObject({ correct: true, pointsAwarded: 2 });
      expect(ok(await ann.finish(annGame))).toMatchObject({ status: 'finished', score: 2 });
      const bobGame = ok(await bob.startGame(THEME)).id;
      expect(ok(await bob.finish(bobGame))).toMatchObject({ status: 'finished', score: 0 });

      const board = ok(await bob.api.GET('/api/v1/leaderboard'));
      expect(board.items).toMatchObject([
        { rank: 1, userId: 'e2e-lb-ann', displayName: 'Ann', score: 2 },
        { rank: 2, userId: 'e2e-lb-bob', displayName: 'Bob', score: 0 },
      ]);
      const week = { params: { query: { period: 'week' as const } } };
      expect(ok(await bob.api.GET('/api/v1/leaderboard/me', week))).toMatchObject({
        rank: 2,
        score: 0,
        totalPlayers: 2,
      });

      expect(await redisCli(url, 'ZCARD', `${keyPrefix}{leaderboard:all}:ranks`)).toBe('2');
      expect(await redisCli(url, 'EXISTS', `${keyPrefix}{leaderboard:all}:complete`)).toBe('1');
      const keys = (await redisCli(url, '--scan', '--pattern', `${keyPrefix}*`)).split('\n');
      expect(keys.length).toBeGreaterThanOrEqual(6);
      for (const key of keys) expect(Number(await redisCli(url, 'PTTL', key)), key).toBeGreaterThan(0);
    });

    it('shows a renamed player under the new name once the name cache lets go of the old one', async () => {
      expect(ok(await ann.api.PATCH('/api/v1/me', { body: { displayName: 'Annabel' } }))).toMatchObject({
        displayName: 'Annabel',
      });
      await waitFor(
        'the new name on the board',
        async () => ok(await bob.api.GET('/api/v1/leaderboard')).items[0]?.displayName === 'Annabel',
        NAME_CACHE_SECONDS * 1000 + 5_000,
      );
    });
  },
);
