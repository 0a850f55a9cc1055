import {
  createTestDatabase,
  ManualClock,
  type TestDatabase,
  testDialects,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaderboardMigrations } from '../src/data/migrations/index.js';
import type { LeaderboardDatabase } from '../src/data/schema.js';
import { auth, type LeaderboardHarness, startLeaderboard, submitScore } from './harness.js';
import { closedPortUrl } from './user-service-stub.js';

const finishedAt = '2025-01-08T10:00:00.000Z';

describe.each(testDialects())('score submission on %s', (dialect) => {
  let database: TestDatabase<LeaderboardDatabase>;
  let leaderboard: LeaderboardHarness;

  beforeAll(async () => {
    database = await createTestDatabase<LeaderboardDatabase>(dialect, leaderboardMigrations);
    leaderboard = await startLeaderboard(database, new ManualClock(finishedAt), await closedPortUrl());
  });

  afterAll(async () => {
    await leaderboard.close();
    await database.dispose();
  });

  it('answers ready with the database check', async () => {
    const ready = await leaderboard.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.database).toMatchObject({ status: 'up', dialect });
  });

  it('records a game once: 201 the first time, 200 when the same result comes again', async () => {
    const submission = { gameId: 'game-once', userId: 'alice', score: 12, finishedAt };
    const first = await submitScore(leaderboard.app, submission);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual(submission);

    // The same instant written with another offset is the same result.
    const again = await submitScore(leaderboard.app, {
      ...submission,
      finishedAt: '2025-01-08T11:00:00+01:00',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(submission);

    const rows = await database.db
      .selectFrom('scores')
      .selectAll()
      .where('game_id', '=', 'game-once')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it.each([
    ['another score', { score: 13 }],
    ['another player', { userId: 'bob' }],
    ['another finish time', { finishedAt: '2025-01-08T10:00:01.000Z' }],
  ])('refuses the same game with %s: 409 SCORE_CONFLICT', async (_case, change) => {
    const submission = { gameId: `game-conflict-${_case}`, userId: 'alice', score: 12, finishedAt };
    expect((await submitScore(leaderboard.app, submission)).statusCode).toBe(201);
    const conflicting = await submitScore(leaderboard.app, { ...submission, ...change });
    expect(conflicting.statusCode).toBe(409);
    expect(conflicting.headers['content-type']).toContain('application/problem+json');
    expect(conflicting.json()).toMatchObject({ status: 409, code: 'SCORE_CONFLICT' });
    const stored = await database.db
      .selectFrom('scores')
      .select(['user_id', 'score'])
      .where('game_id', '=', submission.gameId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ user_id: 'alice', score: 12 });
  });

  it.each([
    ['a negative score', { score: -1 }, 'VALIDATION_FAILED'],
    ['a score above 10000', { score: 10_001 }, 'VALIDATION_FAILED'],
    ['a fractional score', { score: 1.5 }, 'VALIDATION_FAILED'],
    ['a finish time that is no date-time', { finishedAt: 'yesterday' }, 'VALIDATION_FAILED'],
    ['a finish time without a zone', { finishedAt: '2025-01-08T10:00:00' }, 'VALIDATION_FAILED'],
    ['a leap second', { finishedAt: '2016-12-31T23:59:60Z' }, 'INVALID_FINISHED_AT'],
    ['an empty game id', { gameId: '' }, 'VALIDATION_FAILED'],
    ['an unknown property', { extra: true }, 'VALIDATION_FAILED'],
  ])('rejects %s with 400 %s', async (_case, change, code) => {
    const response = await submitScore(leaderboard.app, {
      gameId: 'game-invalid',
      userId: 'alice',
      score: 3,
      finishedAt,
      ...change,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
  });

  it('accepts the bounds 0 and 10000', async () => {
    for (const score of [0, 10_000]) {
      const response = await submitScore(leaderboard.app, {
        gameId: `bound-${score}`,
        userId: 'u',
        score,
        finishedAt,
      });
      expect(response.statusCode).toBe(201);
    }
  });

  it.each(['player', 'admin'] as const)('refuses a %s token: only services submit scores', async (role) => {
    const response = await leaderboard.app.inject({
      method: 'POST',
      url: '/internal/scores',
      headers: { authorization: await auth.bearer('cheater', [role]) },
      payload: { gameId: 'game-cheat', userId: 'cheater', score: 10_000, finishedAt },
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a call without a token', async () => {
    const response = await leaderboard.app.inject({
      method: 'POST',
      url: '/internal/scores',
      payload: { gameId: 'game-anon', userId: 'x', score: 1, finishedAt },
    });
    expect(response.statusCode).toBe(401);
  });
});
