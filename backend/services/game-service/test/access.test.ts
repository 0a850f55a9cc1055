import { testDialects } from '@know-foolery/shared/testing';
import { describe, expect, it } from 'vitest';
import { auth, gameServiceHarness } from './harness.js';

describe.each(testDialects())('who may see and play a game on %s', (dialect) => {
  const harness = gameServiceHarness(dialect);
  const { call } = harness;

  it('keeps games private: another player gets 404 on every route', async () => {
    const owner = await harness.newPlayer();
    const gameId = await harness.startGame(owner);
    const stranger = await harness.newPlayer();
    for (const [method, url] of [
      ['GET', `/api/v1/games/${gameId}`],
      ['GET', `/api/v1/games/${gameId}/question`],
      ['POST', `/api/v1/games/${gameId}/hint`],
      ['POST', `/api/v1/games/${gameId}/answers`],
      ['POST', `/api/v1/games/${gameId}/finish`],
    ] as const) {
      const response = await call(method, url, stranger, method === 'POST' ? { answer: 'x' } : undefined);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('GAME_NOT_FOUND');
    }
  });

  it('lets an admin read a game but not play it: no hint, answer, question draw or finish, no change', async () => {
    const owner = await harness.newPlayer();
    const gameId = await harness.startGame(owner);
    await call('GET', `/api/v1/games/${gameId}/question`, owner);
    for (const roles of [['admin'], ['admin', 'player']] as const) {
      const admin = await auth.bearer(`admin-${roles.length}`, roles);
      expect((await call('GET', `/api/v1/games/${gameId}`, admin)).status).toBe(200);
      for (const [method, url] of [
        ['GET', `/api/v1/games/${gameId}/question`],
        ['POST', `/api/v1/games/${gameId}/hint`],
        ['POST', `/api/v1/games/${gameId}/answers`],
        ['POST', `/api/v1/games/${gameId}/finish`],
      ] as const) {
        const response = await call(method, url, admin, method === 'POST' ? { answer: 'Paris' } : undefined);
        expect(response.status, `${method} ${url} as ${roles.join('+')}`).toBe(403);
        expect(response.body.code).toBe('NOT_GAME_OWNER');
      }
    }
    const game = await call('GET', `/api/v1/games/${gameId}`, owner);
    expect(game.body).toMatchObject({ status: 'active', score: 0 });
    const question = await call('GET', `/api/v1/games/${gameId}/question`, owner);
    expect(question.body).toMatchObject({ attemptsLeft: 3, hintShown: false });
    const attempts = await harness.db
      .selectFrom('question_attempts')
      .select('id')
      .where('game_id', '=', gameId)
      .execute();
    expect(attempts).toHaveLength(0);
  });

  it('answers 401 without a token and 400 for a malformed game id', async () => {
    expect((await call('POST', '/api/v1/games', undefined, {})).status).toBe(401);
    expect((await call('GET', '/api/v1/games/not%20an%20id', await harness.newPlayer())).status).toBe(400);
  });
});
