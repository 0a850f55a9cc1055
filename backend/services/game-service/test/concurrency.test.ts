import { testDialects } from '@know-foolery/shared/testing';
import { describe, expect, it } from 'vitest';
import { gameServiceHarness } from './harness.js';

describe.each(testDialects())('concurrent requests on %s', (dialect) => {
  const harness = gameServiceHarness(dialect);
  const { call } = harness;

  it('scores exactly one of many concurrent answers to the same question; the others get 409', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Paris' }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    for (const loser of answers.filter((answer) => answer.status !== 200)) {
      expect(loser.status).toBe(409);
      expect(['CONCURRENT_ANSWER', 'NO_OPEN_QUESTION']).toContain(loser.body.code);
    }
    expect((await call('GET', `/api/v1/games/${gameId}`, player)).body.score).toBe(2);
    const attempts = await harness.db
      .selectFrom('question_attempts')
      .select('id')
      .where('game_id', '=', gameId)
      .execute();
    expect(attempts).toHaveLength(1);
  });

  it('never counts two concurrent wrong answers as one attempt; the losers get 409', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Rome' }),
      ),
    );
    const accepted = answers.filter((answer) => answer.status === 200).length;
    for (const loser of answers.filter((answer) => answer.status !== 200)) {
      expect(loser.status).toBe(409);
      expect(['CONCURRENT_ANSWER', 'NO_OPEN_QUESTION']).toContain(loser.body.code);
    }
    const attempts = await harness.db
      .selectFrom('question_attempts')
      .select('attempt_number')
      .where('game_id', '=', gameId)
      .execute();
    expect(attempts).toHaveLength(accepted);
    expect(new Set(attempts.map((attempt) => attempt.attempt_number)).size).toBe(accepted);
  });

  it('opens exactly one question when many ask for it at once', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    const fetched = await Promise.all(
      Array.from({ length: 8 }, () => call('GET', `/api/v1/games/${gameId}/question`, player)),
    );
    const opened = fetched.filter((response) => response.status === 200);
    expect(opened.length).toBeGreaterThan(0);
    expect(new Set(opened.map((response) => response.body.questionId)).size).toBe(1);
    for (const loser of fetched.filter((response) => response.status !== 200)) {
      expect(loser.status).toBe(409);
      expect(loser.body.code).toBe('CONCURRENT_ANSWER');
    }
    const open = await harness.db
      .selectFrom('game_questions')
      .select('id')
      .where('game_id', '=', gameId)
      .where('settled', '=', false)
      .execute();
    expect(open).toHaveLength(1);
  });

  it('refuses a second open question for a game at the database', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    expect((await call('GET', `/api/v1/games/${gameId}/question`, player)).status).toBe(200);
    const open = await harness.db
      .selectFrom('game_questions')
      .selectAll()
      .where('game_id', '=', gameId)
      .executeTakeFirstOrThrow();
    await expect(
      harness.db
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
          alternatives: '[]',
          hint: null,
          kind: 'free_text',
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
});
