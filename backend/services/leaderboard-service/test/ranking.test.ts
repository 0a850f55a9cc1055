import { describe, expect, it } from 'vitest';
import { competitionRanks, standingRank } from '../src/domain/ranking.js';

const at = new Date('2025-01-08T12:00:00.000Z');
const best = (userId: string, score: number) => ({ userId, score, achievedAt: at });

describe('competition ranks', () => {
  it('give equal scores the same rank and skip the places they take (1, 2, 2, 4)', () => {
    const ranked = competitionRanks([best('a', 9), best('b', 7), best('c', 7), best('d', 3), best('e', 3)]);
    expect(ranked.map(({ userId, rank }) => [userId, rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
      ['e', 4],
    ]);
  });

  it('rank a board where everyone ties first', () => {
    expect(competitionRanks([best('a', 0), best('b', 0)]).map((entry) => entry.rank)).toEqual([1, 1]);
  });

  it('rank an empty board as empty', () => {
    expect(competitionRanks([])).toEqual([]);
  });

  it('keep what they rank', () => {
    expect(competitionRanks([best('a', 5)])).toEqual([{ userId: 'a', score: 5, achievedAt: at, rank: 1 }]);
  });
});

describe('a standing rank', () => {
  it('is one behind everyone strictly ahead', () => {
    expect(standingRank({ score: 4, playersAhead: 0, totalPlayers: 1 })).toBe(1);
    expect(standingRank({ score: 4, playersAhead: 27, totalPlayers: 31 })).toBe(28);
  });

  it('is none without a game', () => {
    expect(standingRank({ score: null, playersAhead: 0, totalPlayers: 3 })).toBeNull();
  });
});
