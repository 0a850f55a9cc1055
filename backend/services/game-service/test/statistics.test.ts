import { testDialects } from '@know-foolery/shared/testing';
import { describe, expect, it } from 'vitest';
import { aGame, aServedQuestion, attempts } from './factories.js';
import { auth, gameServiceHarness } from './harness.js';

describe.each(testDialects())('per-question statistics on %s', (dialect) => {
  const harness = gameServiceHarness(dialect);
  const { call } = harness;

  it('reports per-question statistics to admins and services only', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player, { theme: 'music' });
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
    const db = harness.db;
    const hintedWin = await aGame(db);
    await attempts(db, hintedWin, await aServedQuestion(db, hintedWin, { questionId }), [false, true], {
      hint: true,
    });
    const miss = await aGame(db);
    await attempts(db, miss, await aServedQuestion(db, miss, { questionId }), [false, false, false]);
    const cleanWin = await aGame(db);
    await attempts(db, cleanWin, await aServedQuestion(db, cleanWin, { questionId }), [true]);
    const open = await aGame(db);
    await aServedQuestion(db, open, { questionId });

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
    const scores = await db
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
});
