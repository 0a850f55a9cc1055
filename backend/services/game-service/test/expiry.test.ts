import { testDialects } from '@know-foolery/shared/testing';
import { describe, expect, it } from 'vitest';
import { ExpirySweeper } from '../src/use-cases/expiry-sweeper.js';
import { gameServiceHarness, rules } from './harness.js';

describe.each(testDialects())('a game against the clock on %s', (dialect) => {
  const harness = gameServiceHarness(dialect);
  const { call } = harness;

  it('expires a game on the clock: answers are refused even before the sweeper runs', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    harness.clock.advanceSeconds(rules.durationSeconds - 1);
    expect((await call('GET', `/api/v1/games/${gameId}`, player)).body.status).toBe('active');
    harness.clock.advanceSeconds(1);
    const late = await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Paris' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'GAME_OVER', game: { status: 'expired', score: 0 } });
    expect(harness.downstreams.recordedScores.map((score) => score.gameId)).toContain(gameId);
  });

  it('closes expired games with no request, and retries scores the leaderboard did not take', async () => {
    const player = await harness.newPlayer();
    const gameId = await harness.startGame(player);
    await call('GET', `/api/v1/games/${gameId}/question`, player);
    await call('POST', `/api/v1/games/${gameId}/answers`, player, { answer: 'Paris' });
    harness.downstreams.scoreboardDown = true;
    harness.clock.advanceSeconds(rules.durationSeconds + 1);
    const sweeper = new ExpirySweeper(harness.gameDeps(), 1_000);
    expect((await sweeper.runOnce()).expired).toBeGreaterThanOrEqual(1);
    expect((await call('GET', `/api/v1/games/${gameId}`, player)).body).toMatchObject({
      status: 'expired',
      score: 2,
    });
    expect(harness.downstreams.recordedScores.map((score) => score.gameId)).not.toContain(gameId);
    harness.downstreams.scoreboardDown = false;
    await sweeper.runOnce();
    expect(harness.downstreams.recordedScores).toContainEqual(expect.objectContaining({ gameId, score: 2 }));
  });
});
