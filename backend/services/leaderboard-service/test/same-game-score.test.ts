import { describe, expect, it } from 'vitest';
import { type GameScore, isSameGameScore } from '../src/domain/score.js';

const recorded: GameScore = {
  gameId: 'game-1',
  userId: 'alice',
  score: 12,
  finishedAt: new Date('2026-11-24T12:00:00.000Z'),
};

describe('a repeated score submission', () => {
  it('is the same game score when it reports exactly what was recorded, the instant as a new Date', () => {
    expect(isSameGameScore(recorded, { ...recorded, finishedAt: new Date(recorded.finishedAt) })).toBe(true);
  });

  it.each<[string, Partial<GameScore>]>([
    ['another game', { gameId: 'game-2' }],
    ['another player', { userId: 'bob' }],
    ['another score', { score: 13 }],
    ['another end', { finishedAt: new Date('2026-11-24T12:00:00.001Z') }],
  ])('differs when it reports %s', (_case, change) => {
    expect(isSameGameScore(recorded, { ...recorded, ...change })).toBe(false);
  });
});
