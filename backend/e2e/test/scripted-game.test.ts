import { readFileSync } from 'node:fs';
import { testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/http.js';
import { type RunningPlatform, startPlatform } from '../src/platform.js';
import type { LeaderboardPage, OwnRank, Problem } from '../src/public-api.js';
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
    const served = await player.question(gameId);
    expect(served.status, served.text).toBe(200);
    const question = FIXTURE.find((candidate) => candidate.text === served.body.text);
    expect(question, `served a question outside the fixture: ${served.text}`).toBeDefined();
    expect(served.body).toMatchObject({ theme: THEME, attemptsLeft: 3, hintShown: false });
    expect(player.hasSeen(question?.answer ?? '')).toBe(false);
    tally(served.body.questionId).served += 1;
    return { id: served.body.questionId, answer: question?.answer ?? '', hint: question?.hint ?? '' };
  }

  async function answer(player: Player, gameId: string, questionId: string, text: string) {
    const result = await player.answer(gameId, text);
    expect(result.status, result.text).toBe(200);
    tally(questionId).attempts += 1;
    if (result.body.correct) tally(questionId).correct += 1;
    return result.body;
  }

  it('imports the question fixture through the admin API', async () => {
    const report = await admin.post<{ read: number; imported: number; duplicates: number; rejected: number }>(
      '/api/v1/admin/questions/import',
      { format: 'json', fileName: 'e2e-questions.json', content: FIXTURE_TEXT },
    );
    expect(report.status, report.text).toBe(200);
    expect(report.body).toMatchObject({ read: 4, imported: 4, duplicates: 0, rejected: 0 });
  });

  it('lists the themes and their question counts to anyone', async () => {
    const themes = await new ApiClient(platform.gatewayUrl).get<{ themes: unknown[] }>('/api/v1/themes');
    expect(themes.status).toBe(200);
    expect(themes.body.themes).toEqual([
      { theme: 'e2e-elsewhere', questionCount: 1 },
      { theme: THEME, questionCount: 3 },
    ]);
  });

  it('scores a miss and a hint then a hit 1, a hit at once 2, three misses 0, and reveals only settled answers', async () => {
    const game = await ann.startGame(THEME);
    expect(game.status, game.text).toBe(201);
    expect(game.body).toMatchObject({ status: 'active', theme: THEME, score: 0 });
    const gameId = game.body.id;

    const first = await serve(ann, gameId);
    expect(await answer(ann, gameId, first.id, WRONG)).toMatchObject({
      correct: false,
      settled: false,
      attemptsLeft: 2,
      pointsAwarded: 0,
    });
    const hint = await ann.hint(gameId);
    expect(hint.body).toEqual({ hint: first.hint });
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

    const finished = await ann.finish(gameId);
    expect(finished.status, finished.text).toBe(200);
    expect(finished.body).toMatchObject({ status: 'finished', score: 3, questionsAnswered: 3 });

    const late = await ann.post<Problem>(`/api/v1/games/${gameId}/answers`, { answer: third.answer });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('GAME_OVER');
  });

  it('ends a game on its own once its theme has no question left, and scores it', async () => {
    const game = await bob.startGame(THEME);
    expect(game.status, game.text).toBe(201);
    const gameId = game.body.id;
    const first = await serve(bob, gameId);
    expect(await answer(bob, gameId, first.id, first.answer)).toMatchObject({ pointsAwarded: 2, score: 2 });
    for (let remaining = 0; remaining < 2; remaining += 1) {
      const next = await serve(bob, gameId);
      for (let attempt = 0; attempt < 3; attempt += 1) await answer(bob, gameId, next.id, WRONG);
    }

    const exhausted = await bob.get<Problem>(`/api/v1/games/${gameId}/question`);
    expect(exhausted.status).toBe(409);
    expect(exhausted.body.code).toBe('GAME_OVER');
    const ended = await bob.get(`/api/v1/games/${gameId}`);
    expect(ended.body).toMatchObject({ status: 'exhausted', score: 2 });
  });

  it('ranks both players by their best game, and shows each their own rank outside the top entries', async () => {
    const board = await ann.get<LeaderboardPage>('/api/v1/leaderboard');
    expect(board.status, board.text).toBe(200);
    expect(board.body.entries).toMatchObject([
      { rank: 1, userId: 'e2e-ann', displayName: 'Ann', score: 3 },
      { rank: 2, userId: 'e2e-bob', displayName: 'Bob', score: 2 },
    ]);

    const top = await bob.get<LeaderboardPage>('/api/v1/leaderboard?period=week&limit=1');
    expect(top.body.entries.map((entry) => entry.userId)).toEqual(['e2e-ann']);
    const own = await bob.get<OwnRank>('/api/v1/leaderboard/me?period=week');
    expect(own.body).toMatchObject({ rank: 2, score: 2, totalPlayers: 2 });
    expect((await ann.get<OwnRank>('/api/v1/leaderboard/me')).body).toMatchObject({ rank: 1, score: 3 });
  });

  it('shows the admin how each question fared in play', async () => {
    const listed = await admin.get<{ items: { id: string }[]; total: number }>(
      `/api/v1/admin/questions?theme=${THEME}`,
    );
    expect(listed.body.total).toBe(3);
    expect(tallies.size).toBe(3);
    for (const { id } of listed.body.items) {
      const expected = tallies.get(id) ?? { served: 0, attempts: 0, correct: 0, hints: 0 };
      const stats = await admin.get<{ stats: Record<string, number> }>(`/api/v1/admin/questions/${id}/stats`);
      expect(stats.status, stats.text).toBe(200);
      expect(stats.body.stats).toEqual({
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
