import { testDialects } from '@know-foolery/shared/testing';
import { describe, expect, it } from 'vitest';
import { gameServiceHarness } from './harness.js';

describe.each(testDialects())('true/false and free-text questions on %s', (dialect) => {
  const harness = gameServiceHarness(dialect);
  const { call } = harness;

  const trueFalseGame = async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player, { theme: 'science', questionKinds: ['true_false'] });
    const question = await call('GET', `/api/v1/games/${gameId}/question`, player);
    expect(question.body).toMatchObject({ questionId: 'q-106', kind: 'true_false' });
    return { player, gameId, question: question.body };
  };

  it('gives a true/false question one attempt and no hint', async () => {
    const { player, gameId, question } = await trueFalseGame();
    expect(question).toMatchObject({ attemptsLeft: 1, hintAvailable: false, hintShown: false });
    const hint = await call('POST', `/api/v1/games/${gameId}/hint`, player);
    expect(hint.status).toBe(409);
    expect(hint.body.code).toBe('NO_HINT');
    const answered = await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'False' });
    expect(answered.body).toMatchObject({
      correct: false,
      verdict: { reason: 'wrong' },
      attemptsLeft: 0,
      pointsAwarded: 0,
      settled: true,
      correctAnswer: 'True',
    });
  });

  it('scores a right true/false answer 2, read from "yes" as well as "True"', async () => {
    const { player, gameId } = await trueFalseGame();
    const answered = await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: ' yes ' });
    expect(answered.body).toMatchObject({
      correct: true,
      verdict: { reason: 'normalized' },
      pointsAwarded: 2,
      score: 2,
      settled: true,
    });
  });

  it('refuses an answer that is neither true nor false without spending the attempt', async () => {
    const { player, gameId } = await trueFalseGame();
    const refused = await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'maybe' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('NOT_TRUE_OR_FALSE');
    const question = await call('GET', `/api/v1/games/${gameId}/question`, player);
    expect(question.body.attemptsLeft).toBe(1);
  });

  it('plays a game without true/false questions when asked', async () => {
    const player = await harness.newPlayer();
    const started = await call('POST', '/api/v1/games', player, {
      theme: 'science',
      questionKinds: ['free_text'],
    });
    expect(started.body.questionKinds).toEqual(['free_text']);
    const gameId = started.body.id;
    const question = await call('GET', `/api/v1/games/${gameId}/question`, player);
    expect(question.body).toMatchObject({ questionId: 'q-107', kind: 'free_text', attemptsLeft: 3 });
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'oxygen' });
    const next = await call('GET', `/api/v1/games/${gameId}/question`, player);
    expect(next.status).toBe(409);
    expect(next.body.game).toMatchObject({ status: 'exhausted', questionKinds: ['free_text'] });
  });

  it('draws every kind when none is named', async () => {
    const player = await harness.newPlayer();
    const started = await call('POST', '/api/v1/games', player, { theme: 'science' });
    expect(started.body.questionKinds).toEqual(['free_text', 'true_false']);
  });

  it.each([[[]], [['multiple_choice']], [['free_text', 'free_text']], ['free_text']])(
    'refuses questionKinds %j with 400',
    async (questionKinds) => {
      const response = await call('POST', '/api/v1/games', await harness.newPlayer(), { questionKinds });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    },
  );
});
