import { testDialects } from '@know-foolery/shared/testing';
import { describe, expect, it } from 'vitest';
import { gameServiceHarness } from './harness.js';

describe.each(testDialects())('playing a game on %s', (dialect) => {
  const harness = gameServiceHarness(dialect);
  const { call } = harness;

  it('plays a whole game: wrong answer, hint, right answer, misses, exhaustion, score recorded', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    expect(harness.downstreams.profilesEnsured).toEqual([player]);
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
      kind: 'free_text',
      attemptsLeft: 3,
      hintAvailable: true,
      hintShown: false,
    });
    expect((await get(`/api/v1/games/${gameId}/question`)).body.questionId).toBe('q-101');
    expect((await post(`/api/v1/games/${gameId}/answers`, { answer: 'Lyon' })).body).toEqual({
      correct: false,
      verdict: { reason: 'wrong', explanation: expect.any(String) },
      attemptsLeft: 2,
      pointsAwarded: 0,
      score: 0,
      settled: false,
      correctAnswer: null,
    });
    expect((await post(`/api/v1/games/${gameId}/hint`)).body).toEqual({
      hint: 'Starts with "P", 5 characters',
    });
    expect(seen.join('\n')).not.toMatch(/paris/i);
    expect((await post(`/api/v1/games/${gameId}/answers`, { answer: ' paris ' })).body).toEqual({
      correct: true,
      verdict: { reason: 'normalized', explanation: expect.any(String) },
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
      expect(missed.body).toMatchObject({
        correct: false,
        attemptsLeft: 2 - attempt,
        pointsAwarded: 0,
        score: 3,
        settled: false,
        correctAnswer: null,
      });
    }
    expect(seen.join('\n')).not.toMatch(/japan/i);
    expect((await post(`/api/v1/games/${gameId}/answers`, { answer: 'Vietnam' })).body).toMatchObject({
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
    expect(harness.downstreams.recordedScores).toEqual([
      { gameId, userId: harness.lastPlayerId(), score: 3, finishedAt: harness.clock.now() },
    ]);
    expect((await post(`/api/v1/games/${gameId}/answers`, { answer: 'x' })).body.code).toBe('GAME_OVER');
  });

  it('records every attempt with the verdict that decided it', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Rome' });
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Paris' });
    const attempts = await harness.db
      .selectFrom('question_attempts')
      .select(['answer_given', 'attempt_number', 'verdict', 'verdict_explanation'])
      .where('game_id', '=', gameId)
      .orderBy('attempt_number')
      .execute();
    expect(attempts).toEqual([
      { answer_given: 'Rome', attempt_number: 1, verdict: 'wrong', verdict_explanation: expect.any(String) },
      { answer_given: 'Paris', attempt_number: 2, verdict: 'exact', verdict_explanation: expect.any(String) },
    ]);
    expect(attempts[0]?.verdict_explanation).not.toMatch(/paris/i);
  });

  it('accepts an alternative answer and says so', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player, { theme: 'mountains' });
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    const answered = await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'everest' });
    expect(answered.body).toMatchObject({
      correct: true,
      verdict: { reason: 'alternative' },
      pointsAwarded: 2,
      correctAnswer: 'Mount Everest',
    });
  });

  it('finishes on request, once, and hands the score over', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Paris' });
    const finished = await call('POST', `/api/v1/games/${gameId}/finish`, player);
    expect(finished.body).toMatchObject({ status: 'finished', endReason: 'finished', score: 2 });
    const again = await call('POST', `/api/v1/games/${gameId}/finish`, player);
    expect(again.status).toBe(200);
    expect(again.body.endedAt).toBe(finished.body.endedAt);
    expect(harness.downstreams.recordedScores.filter((score) => score.gameId === gameId)).toHaveLength(1);
    expect((await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'x' })).status).toBe(409);
  });

  it('allows one game in play per player', async () => {
    const player = await harness.newPlayer();
    const first = await harness.startGame(player);
    const second = await call('POST', '/api/v1/games', player, {});
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'GAME_ALREADY_ACTIVE', activeGameId: first });
    await call('POST', `/api/v1/games/${first}/finish`, player);
    expect((await call('POST', '/api/v1/games', player, {})).status).toBe(201);
  });

  it('refuses a pool with no question', async () => {
    const response = await call('POST', '/api/v1/games', await harness.newPlayer(), {
      theme: 'music',
      difficulty: 'hard',
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('EMPTY_QUESTION_POOL');
  });

  it('needs an open question before a hint or an answer', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    expect((await call('POST', `/api/v1/games/${gameId}/hint`, player)).body.code).toBe('NO_OPEN_QUESTION');
    expect((await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'x' })).body.code).toBe(
      'NO_OPEN_QUESTION',
    );
  });

  it.each([
    [{ answer: '   ' }, 'BLANK_ANSWER'],
    [{ answer: '?!' }, 'BLANK_ANSWER'],
    [{ answer: '' }, 'VALIDATION_FAILED'],
    [{ answer: 'x'.repeat(201) }, 'VALIDATION_FAILED'],
    [{ answer: 42 }, 'VALIDATION_FAILED'],
    [{ answer: 'Paris', extra: 1 }, 'VALIDATION_FAILED'],
  ])('refuses the answer %j with 400 %s and records nothing', async (payload, code) => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    const response = await call('POST', `/api/v1/games/${gameId}/answers`, player, payload);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    const attempts = await harness.db
      .selectFrom('question_attempts')
      .select('id')
      .where('game_id', '=', gameId)
      .execute();
    expect(attempts).toHaveLength(0);
  });
});
