import { readFileSync } from 'node:fs';
import { testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, publicApi } from '../src/api/client.js';
import { type RunningPlatform, startPlatform } from '../src/platform.js';
import { Player } from '../src/public-api.js';

interface FixtureQuestion {
  theme: string;
  text: string;
  answer: string;
  hint: string;
}

const FIXTURE_TEXT = readFileSync(new URL('./fixtures/questions.json', import.meta.url), 'utf8');
const FIXTURE: FixtureQuestion[] = JSON.parse(FIXTURE_TEXT);
const THEME = 'e2e-trivia';
const WRONG = 'certainly not this';

/** What the script did to one question, for holding the admin's statistics against. */
interface Tally {
  served: number;
  attempts: number;
  correct: number;
  hints: number;
}

describe.each(testDialects())('a scripted game through the gateway, on %s', (dialect) => {
  let platform: RunningPlatform;
  let admin: Player;
  let ann: Player;
  let bob: Player;
  const tallies = new Map<string, Tally>();

  beforeAll(async () => {
    platform = await startPlatform({ dialect });
    admin = await Player.signIn(platform.gatewayUrl, 'e2e-admin', 'Admin', ['admin']);
    ann = await Player.signIn(platform.gatewayUrl, 'e2e-ann', 'Ann');
    bob = await Player.signIn(platform.gatewayUrl, 'e2e-bob', 'Bob');
  });

  afterAll(async () => {
    await platform?.stop();
  });

  function tally(questionId: string): Tally {
    const existing = tallies.get(questionId);
    if (existing !== undefined) return existing;
    const fresh = { served: 0, attempts: 0, correct: 0, hints: 0 };
    tallies.set(questionId, fresh);
    return fresh;
  }

  /** The next question of the game, checked against the fixture; its answer must not have reached the player. */
  async function serve(player: Player, gameId: string) {
    const served = ok(await player.question(gameId));
    const question = FIXTURE.find((candidate) => candidate.text === served.text);
    expect(question, `served a question outside the fixture: ${served.text}`).toBeDefined();
    expect(served).toMatchObject({ theme: THEME, attemptsLeft: 3, hintShown: false });
    expect(player.hasSeen(question?.answer ?? '')).toBe(false);
    tally(served.questionId).served += 1;
    return { id: served.questionId, answer: question?.answer ?? '', hint: question?.hint ?? '' };
  }

  async function answer(player: Player, gameId: string, questionId: string, text: string) {
    const result = ok(await player.answer(gameId, text));
    tally(questionId).attempts += 1;
    if (result.correct) tally(questionId).correct += 1;
    return result;
  }

  it('imports the question fixture through the admin API', async () => {
    const report = await admin.api.POST('/api/v1/admin/questions/import', {
      body: { format: 'json', fileName: 'e2e-questions.json', content: FIXTURE_TEXT },
    });
    expect(ok(report)).toMatchObject({ read: 4, imported: 4, duplicates: 0, rejected: 0 });
  });

  it('lists the themes and their question counts to anyone', async () => {
    const themes = ok(await publicApi(platform.gatewayUrl).api.GET('/api/v1/themes'));
    expect(themes.items).toEqual([
      { theme: 'e2e-elsewhere', questionCount: 1 },
      { theme: THEME, questionCount: 3 },
    ]);
  });

  it('scores a miss and a hint then a hit 1, a hit at once 2, three misses 0, and reveals only settled answers', async () => {
    const game = ok(await ann.startGame(THEME));
    expect(game).toMatchObject({ status: 'active', theme: THEME, score: 0 });
    const gameId = game.id;

    const first = await serve(ann, gameId);
    expect(await answer(ann, gameId, first.id, WRONG)).toMatchObject({
      correct: false,
      settled: false,
      attemptsLeft: 2,
      pointsAwarded: 0,
    });
    expect(ok(await ann.hint(gameId))).toEqual({ hint: first.hint });
    tally(first.id).hints += 1;
    expect(ann.hasSeen(first.answer)).toBe(false);
    const hit = await answer(ann, gameId, first.id, first.answer.toLowerCase());
    expect(hit).toMatchObject({ correct: true, settled: true, pointsAwarded: 1, score: 1 });

    const second = await serve(ann, gameId);
    expect(second.id).not.toBe(first.id);
    expect(await answer(ann, gameId, second.id, second.answer)).toMatchObject({
      correct: true,
      settled: true,
      pointsAwarded: 2,
      score: 3,
    });

    const third = await serve(ann, gameId);
    expect([first.id, second.id]).not.toContain(third.id);
    for (const attemptsLeft of [2, 1]) {
      expect(await answer(ann, gameId, third.id, WRONG)).toMatchObject({
        correct: false,
        settled: false,
        attemptsLeft,
      });
      expect(ann.hasSeen(third.answer)).toBe(false);
    }
    const missed = await answer(ann, gameId, third.id, WRONG);
    expect(missed).toMatchObject({
      correct: false,
      settled: true,
      attemptsLeft: 0,
      pointsAwarded: 0,
      score: 3,
      correctAnswer: third.answer,
    });
    expect(ann.hasSeen(third.answer)).toBe(true);

    const finished = ok(await ann.finish(gameId));
    expect(finished).toMatchObject({ status: 'finished', score: 3, questionsAnswered: 3 });

    const late = await ann.answer(gameId, third.answer);
    expect(late.response.status).toBe(409);
    expect(late.error?.code).toBe('GAME_OVER');
  });

  it('ends a game on its own once its theme has no question left, and scores it', async () => {
    const gameId = ok(await bob.startGame(THEME)).id;
    const first = await serve(bob, gameId);
    expect(await answer(bob, gameId, first.id, first.answer)).toMatchObject({ pointsAwarded: 2, score: 2 });
    for (let remaining = 0; remaining < 2; remaining += 1) {
      const next = await serve(bob, gameId);
      for (let attempt = 0; attempt < 3; attempt += 1) await answer(bob, gameId, next.id, WRONG);
    }

    const exhausted = await bob.question(gameId);
    expect(exhausted.response.status).toBe(409);
    expect(exhausted.error?.code).toBe('GAME_OVER');
    const ended = ok(await bob.api.GET('/api/v1/games/{id}', { params: { path: { id: gameId } } }));
    expect(ended).toMatchObject({ status: 'exhausted', score: 2 });
  });

  it('ranks both players by their best game, and shows each their own rank outside the top entries', async () => {
    const board = ok(await ann.api.GET('/api/v1/leaderboard'));
    expect(board.items).toMatchObject([
      { rank: 1, userId: 'e2e-ann', displayName: 'Ann', score: 3 },
      { rank: 2, userId: 'e2e-bob', displayName: 'Bob', score: 2 },
    ]);

    const week = { query: { period: 'week', limit: 1 } } as const;
    const top = ok(await bob.api.GET('/api/v1/leaderboard', { params: week }));
    expect(top.items.map((entry) => entry.userId)).toEqual(['e2e-ann']);
    const own = ok(await bob.api.GET('/api/v1/leaderboard/me', { params: { query: { period: 'week' } } }));
    expect(own).toMatchObject({ rank: 2, score: 2, totalPlayers: 2 });
    expect(ok(await ann.api.GET('/api/v1/leaderboard/me'))).toMatchObject({ rank: 1, score: 3 });
  });

  it('shows the admin how each question fared in play', async () => {
    const listed = ok(
      await admin.api.GET('/api/v1/admin/questions', { params: { query: { theme: THEME } } }),
    );
    expect(listed.total).toBe(3);
    expect(tallies.size).toBe(3);
    for (const { id } of listed.items) {
      const expected = tallies.get(id) ?? { served: 0, attempts: 0, correct: 0, hints: 0 };
      const stats = ok(
        await admin.api.GET('/api/v1/admin/questions/{id}/stats', { params: { path: { id } } }),
      );
      expect(stats.stats).toEqual({
        timesServed: expected.served,
        attempts: expected.attempts,
        correctAttempts: expected.correct,
        timesAnsweredCorrectly: expected.correct,
        successRate: expected.correct / expected.served,
        hintsShown: expected.hints,
        hintRate: expected.hints / expected.served,
      });
    }
  });

  it('never sent a player a question of another theme', () => {
    const elsewhere = FIXTURE.filter((question) => question.theme !== THEME);
    for (const player of [ann, bob]) {
      for (const question of elsewhere) expect(player.hasSeen(question.text)).toBe(false);
    }
  });
});
