import {
  createTestDatabase,
  ManualClock,
  type TestDatabase,
  testAuth,
  testDialects,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { gameMigrations } from '../src/data/migrations/index.js';
import type { GameDatabase } from '../src/data/schema.js';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../src/domain/answer-matching.js';
import { ExpirySweeper } from '../src/use-cases/expiry-sweeper.js';
import { aGame, aServedQuestion, attempts } from './factories.js';
import { BANK, FakeDownstreams } from './fakes.js';

const auth = testAuth();
const rules = {
  durationSeconds: 1800,
  similarityThreshold: DEFAULT_SIMILARITY_THRESHOLD,
  expirySweepIntervalMs: 60_000,
};

describe.each(testDialects())('game-service on %s', (dialect) => {
  let database: TestDatabase<GameDatabase>;
  let app: ReturnType<typeof buildApp>;
  let clock: ManualClock;
  let downstreams: FakeDownstreams;
  let players = 0;

  const call = async (method: 'GET' | 'POST', url: string, authorization?: string, payload?: object) => {
    const response = await app.inject({
      method,
      url,
      ...(authorization ? { headers: { authorization } } : {}),
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.json(), raw: response.body };
  };

  const newPlayer = async () => {
    players += 1;
    return auth.bearer(`player-${players}`, ['player']);
  };

  const startGame = async (authorization: string, payload: object = { theme: 'geography' }) => {
    const started = await call('POST', '/api/v1/games', authorization, payload);
    expect(started.status).toBe(201);
    return started.body.id as string;
  };

  beforeAll(async () => {
    database = await createTestDatabase<GameDatabase>(dialect, gameMigrations);
  });

  beforeEach(async () => {
    await app?.close();
    clock = new ManualClock();
    downstreams = new FakeDownstreams();
    app = buildApp({
      version: 'test',
      auth: auth.provider,
      database,
      downstreams,
      clock,
      rules,
      sweepExpiredGames: false,
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  it('plays a whole game: wrong answer, hint, right answer, misses, exhaustion, score recorded', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    expect(downstreams.profilesEnsured).toEqual([player]);
    const seen: string[] = [];
    const get = async (url: string) => {
      const response = await call('GET', url, player);
      seen.push(response.raw);
      return response;
    };
    const post = async (url: string, payload?: object) => {
      const response = await call('POST', url, player, payload);
      seen.push(response.raw);
      return response;
    };

    const first = await get(`/api/v1/games/${gameId}/question`);
    expect(first.body).toMatchObject({
      questionId: 'q-101',
      questionNumber: 1,
      attemptsLeft: 3,
      hintAvailable: true,
      hintShown: false,
    });
    expect((await get(`/api/v1/games/${gameId}/question`)).body.questionId).toBe('q-101');
    expect((await post(`/api/v1/games/${gameId}/answers`, { answer: 'Lyon' })).body).toEqual({
      correct: false,
      attemptsLeft: 2,
      pointsAwarded: 0,
      score: 0,
      settled: false,
    });
    expect((await post(`/api/v1/games/${gameId}/hint`)).body).toEqual({
      hint: 'Starts with "P", 5 characters',
    });
    expect(seen.join('\n')).not.toMatch(/paris/i);
    expect((await post(`/api/v1/games/${gameId}/answers`, { answer: ' paris ' })).body).toEqual({
      correct: true,
      attemptsLeft: 0,
      pointsAwarded: 1,
      score: 1,
      settled: true,
      correctAnswer: 'Paris',
    });

    expect((await get(`/api/v1/games/${gameId}/question`)).body.questionId).toBe('q-102');
    expect((await post(`/api/v1/games/${gameId}/answers`, { answer: 'nile' })).body).toMatchObject({
      correct: true,
      pointsAwarded: 2,
      score: 3,
    });

    expect((await get(`/api/v1/games/${gameId}/question`)).body.questionId).toBe('q-103');
    for (const [attempt, guess] of ['China', 'Korea'].entries()) {
      const missed = await post(`/api/v1/games/${gameId}/answers`, { answer: guess });
      expect(missed.body).toEqual({
        correct: false,
        attemptsLeft: 2 - attempt,
        pointsAwarded: 0,
        score: 3,
        settled: false,
      });
    }
    expect(seen.join('\n')).not.toMatch(/japan/i);
    expect((await post(`/api/v1/games/${gameId}/answers`, { answer: 'Vietnam' })).body).toEqual({
      correct: false,
      attemptsLeft: 0,
      pointsAwarded: 0,
      score: 3,
      settled: true,
      correctAnswer: 'Japan',
    });

    const exhausted = await get(`/api/v1/games/${gameId}/question`);
    expect(exhausted.status).toBe(409);
    expect(exhausted.body).toMatchObject({
      code: 'GAME_OVER',
      game: { status: 'exhausted', score: 3, questionsAnswered: 3 },
    });
    expect(downstreams.recordedScores).toEqual([
      { gameId, userId: `player-${players}`, score: 3, finishedAt: clock.now() },
    ]);
    expect((await post(`/api/v1/games/${gameId}/answers`, { answer: 'x' })).body.code).toBe('GAME_OVER');
  });

  it('records every attempt', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Rome' });
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Paris' });
    const attempts = await database.db
      .selectFrom('question_attempts')
      .select(['answer_given', 'attempt_number'])
      .where('game_id', '=', gameId)
      .orderBy('attempt_number')
      .execute();
    expect(attempts).toEqual([
      { answer_given: 'Rome', attempt_number: 1 },
      { answer_given: 'Paris', attempt_number: 2 },
    ]);
  });

  it('finishes on request, once, and hands the score over', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Paris' });
    const finished = await call('POST', `/api/v1/games/${gameId}/finish`, player);
    expect(finished.body).toMatchObject({ status: 'finished', endReason: 'finished', score: 2 });
    const again = await call('POST', `/api/v1/games/${gameId}/finish`, player);
    expect(again.status).toBe(200);
    expect(again.body.endedAt).toBe(finished.body.endedAt);
    expect(downstreams.recordedScores.filter((score) => score.gameId === gameId)).toHaveLength(1);
    expect((await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'x' })).status).toBe(409);
  });

  it('allows one game in play per player', async () => {
    const player = await newPlayer();
    const first = await startGame(player);
    const second = await call('POST', '/api/v1/games', player, {});
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'GAME_ALREADY_ACTIVE', activeGameId: first });
    await call('POST', `/api/v1/games/${first}/finish`, player);
    expect((await call('POST', '/api/v1/games', player, {})).status).toBe(201);
  });

  it('refuses a pool with no question', async () => {
    const response = await call('POST', '/api/v1/games', await newPlayer(), {
      theme: 'music',
      difficulty: 'hard',
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('EMPTY_QUESTION_POOL');
  });

  it('expires a game on the clock: answers are refused even before the sweeper runs', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    clock.advanceSeconds(rules.durationSeconds);
    const late = await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Paris' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'GAME_OVER', game: { status: 'expired', score: 0 } });
    expect(downstreams.recordedScores.map((score) => score.gameId)).toContain(gameId);
  });

  it('closes expired games with no request, and retries scores the leaderboard did not take', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Paris' });
    downstreams.scoreboardDown = true;
    clock.advanceSeconds(rules.durationSeconds + 1);
    const sweeper = new ExpirySweeper(
      {
        db: database.db,
        clock,
        downstreams,
        durationSeconds: rules.durationSeconds,
        similarityThreshold: rules.similarityThreshold,
        warn: () => undefined,
      },
      1_000,
    );
    expect((await sweeper.runOnce()).expired).toBeGreaterThanOrEqual(1);
    expect((await call('GET', `/api/v1/games/${gameId}`, player)).body).toMatchObject({
      status: 'expired',
      score: 2,
    });
    expect(downstreams.recordedScores.map((score) => score.gameId)).not.toContain(gameId);
    downstreams.scoreboardDown = false;
    await sweeper.runOnce();
    expect(downstreams.recordedScores).toContainEqual(expect.objectContaining({ gameId, score: 2 }));
  });

  it('scores at most one of many concurrent answers to the same question', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Paris' }),
      ),
    );
    const scored = answers.filter((answer) => answer.status === 200);
    expect(scored).toHaveLength(1);
    expect(
      answers
        .filter((answer) => answer.status !== 200)
        .every((answer) => ['CONCURRENT_ANSWER', 'NO_OPEN_QUESTION'].includes(answer.body.code)),
    ).toBe(true);
    expect((await call('GET', `/api/v1/games/${gameId}`, player)).body.score).toBe(2);
    const attempts = await database.db
      .selectFrom('question_attempts')
      .select('id')
      .where('game_id', '=', gameId)
      .execute();
    expect(attempts).toHaveLength(1);
  });

  it('never counts two concurrent wrong answers as one attempt', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Rome' }),
      ),
    );
    const accepted = answers.filter((answer) => answer.status === 200).length;
    const attempts = await database.db
      .selectFrom('question_attempts')
      .select('attempt_number')
      .where('game_id', '=', gameId)
      .execute();
    expect(attempts).toHaveLength(accepted);
    expect(new Set(attempts.map((attempt) => attempt.attempt_number)).size).toBe(accepted);
  });

  it('opens exactly one question when many ask for it at once', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    const fetched = await Promise.all(
      Array.from({ length: 8 }, () => call('GET', `/api/v1/games/${gameId}/question`, player)),
    );
    const opened = fetched.filter((response) => response.status === 200);
    expect(opened.length).toBeGreaterThan(0);
    expect(new Set(opened.map((response) => response.body.questionId)).size).toBe(1);
    expect(
      fetched
        .filter((response) => response.status !== 200)
        .every((response) => response.status === 409 && response.body.code === 'CONCURRENT_ANSWER'),
    ).toBe(true);
    const open = await database.db
      .selectFrom('game_questions')
      .select('id')
      .where('game_id', '=', gameId)
      .where('settled', '=', false)
      .execute();
    expect(open).toHaveLength(1);
  });

  it('refuses a second open question for a game at the database', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    expect((await call('GET', `/api/v1/games/${gameId}/question`, player)).status).toBe(200);
    const open = await database.db
      .selectFrom('game_questions')
      .selectAll()
      .where('game_id', '=', gameId)
      .executeTakeFirstOrThrow();
    await expect(
      database.db
        .insertInto('game_questions')
        .values({
          id: 'second-open',
          game_id: gameId,
          question_id: 'another',
          sequence: open.sequence + 1,
          theme: open.theme,
          difficulty: open.difficulty,
          text: open.text,
          answer: open.answer,
          hint: null,
          attempts_used: 0,
          hint_shown: false,
          settled: false,
          correct: false,
          points_awarded: 0,
          served_at: new Date(),
          settled_at: null,
        })
        .execute(),
    ).rejects.toThrow(/unique/i);
  });

  it('keeps games private: another player gets 404, an admin may look', async () => {
    const owner = await newPlayer();
    const gameId = await startGame(owner);
    const stranger = await newPlayer();
    for (const [method, url] of [
      ['GET', `/api/v1/games/${gameId}`],
      ['GET', `/api/v1/games/${gameId}/question`],
      ['POST', `/api/v1/games/${gameId}/answers`],
      ['POST', `/api/v1/games/${gameId}/finish`],
    ] as const) {
      const response = await call(method, url, stranger, method === 'POST' ? { answer: 'x' } : undefined);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('GAME_NOT_FOUND');
    }
    const admin = await auth.bearer('admin-1', ['admin']);
    expect((await call('GET', `/api/v1/games/${gameId}`, admin)).status).toBe(200);
  });

  it.each([
    [{ answer: '   ' }, 'BLANK_ANSWER'],
    [{ answer: '?!' }, 'BLANK_ANSWER'],
    [{ answer: '' }, 'VALIDATION_FAILED'],
    [{ answer: 'x'.repeat(201) }, 'VALIDATION_FAILED'],
    [{ answer: 42 }, 'VALIDATION_FAILED'],
    [{ answer: 'Paris', extra: 1 }, 'VALIDATION_FAILED'],
  ])('refuses the answer %j with 400 %s and records nothing', async (payload, code) => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    const response = await call('POST', `/api/v1/games/${gameId}/answers`, player, payload);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    const attempts = await database.db
      .selectFrom('question_attempts')
      .select('id')
      .where('game_id', '=', gameId)
      .execute();
    expect(attempts).toHaveLength(0);
  });

  it('needs an open question before a hint or an answer', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player);
    expect((await call('POST', `/api/v1/games/${gameId}/hint`, player)).body.code).toBe('NO_OPEN_QUESTION');
    expect((await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'x' })).body.code).toBe(
      'NO_OPEN_QUESTION',
    );
  });

  it('reports per-question statistics to admins and services only', async () => {
    const player = await newPlayer();
    const gameId = await startGame(player, { theme: 'music' });
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    await call('POST', `/api/v1/games/${gameId}/hint`, player);
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Rolling Stones' });
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'the beatels' });
    const admin = await auth.bearer('admin-1', ['admin']);
    const stats = await call('GET', '/internal/questions/q-104/stats', admin);
    expect(stats.body).toEqual({
      questionId: 'q-104',
      timesServed: 1,
      attempts: 2,
      correctAttempts: 1,
      timesAnsweredCorrectly: 1,
      successRate: 1,
      hintsShown: 1,
      hintRate: 1,
    });
    expect((await call('GET', '/internal/questions/q-104/stats', player)).status).toBe(403);
    expect((await call('GET', '/internal/questions/unknown/stats', admin)).body).toMatchObject({
      timesServed: 0,
      successRate: 0,
    });
  });

  it('aggregates statistics over many games of one question, built with the factories', async () => {
    const questionId = `stats-${dialect}`;
    const hintedWin = await aGame(database.db);
    await attempts(
      database.db,
      hintedWin,
      await aServedQuestion(database.db, hintedWin, { questionId }),
      [false, true],
      { hint: true },
    );
    const miss = await aGame(database.db);
    await attempts(database.db, miss, await aServedQuestion(database.db, miss, { questionId }), [
      false,
      false,
      false,
    ]);
    const cleanWin = await aGame(database.db);
    await attempts(database.db, cleanWin, await aServedQuestion(database.db, cleanWin, { questionId }), [
      true,
    ]);
    const open = await aGame(database.db);
    await aServedQuestion(database.db, open, { questionId });

    const stats = await call(
      'GET',
      `/internal/questions/${questionId}/stats`,
      await auth.bearer('a', ['admin']),
    );
    expect(stats.body).toEqual({
      questionId,
      timesServed: 4,
      attempts: 6,
      correctAttempts: 2,
      timesAnsweredCorrectly: 2,
      successRate: 2 / 3,
      hintsShown: 1,
      hintRate: 1 / 4,
    });
    const scores = await database.db
      .selectFrom('game_sessions')
      .select(['id', 'score', 'questions_answered'])
      .where('id', 'in', [hintedWin.id, miss.id, cleanWin.id, open.id])
      .execute();
    expect(Object.fromEntries(scores.map((row) => [row.id, [row.score, row.questions_answered]]))).toEqual({
      [hintedWin.id]: [1, 1],
      [miss.id]: [0, 1],
      [cleanWin.id]: [2, 1],
      [open.id]: [0, 0],
    });
  });

  it('answers 401 without a token and 400 for a malformed game id', async () => {
    expect((await call('POST', '/api/v1/games', undefined, {})).status).toBe(401);
    expect((await call('GET', '/api/v1/games/not%20an%20id', await newPlayer())).status).toBe(400);
  });

  it('hands out every question of the bank once at most per game', () => {
    expect(new Set(BANK.map((question) => question.questionId)).size).toBe(BANK.length);
  });
});
