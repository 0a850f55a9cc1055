import { describe, expect, it } from 'vitest';
import {
  boardKeys,
  decodeMember,
  encodeMember,
  gameScore,
  storedScore,
} from '../src/data/redis-board-keys.js';
import { currentBoard } from '../src/domain/board.js';

/** Byte order, as Redis compares members. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('a board member', () => {
  it.each([
    ['alice', '2025-01-08T12:00:00.000Z'],
    ['auth0|5f3:x', '1970-01-01T00:00:00.000Z'],
    ['Émile', '0000-01-01T00:00:00.000Z'],
    ['p', '9999-12-31T23:59:59.999Z'],
  ])('holds the player %s and the instant %s', (userId, instant) => {
    expect(decodeMember(encodeMember(userId, new Date(instant)))).toEqual({
      userId,
      achievedAt: new Date(instant),
    });
  });

  it('sorts by instant first, then by user id, byte by byte', () => {
    const members = [
      encodeMember('b', new Date('2025-01-08T12:00:00.001Z')),
      encodeMember('b', new Date('1969-12-31T23:59:59.999Z')),
      encodeMember('a', new Date('2025-01-08T12:00:00.001Z')),
      encodeMember('Z', new Date('2025-01-08T12:00:00.001Z')),
      encodeMember('a', new Date('2025-01-08T12:00:00.000Z')),
    ];
    expect([...members].sort(byBytes).map(decodeMember)).toEqual([
      { userId: 'b', achievedAt: new Date('1969-12-31T23:59:59.999Z') },
      { userId: 'a', achievedAt: new Date('2025-01-08T12:00:00.000Z') },
      { userId: 'Z', achievedAt: new Date('2025-01-08T12:00:00.001Z') },
      { userId: 'a', achievedAt: new Date('2025-01-08T12:00:00.001Z') },
      { userId: 'b', achievedAt: new Date('2025-01-08T12:00:00.001Z') },
    ]);
  });

  it('refuses an instant a date-time cannot name', () => {
    expect(() => encodeMember('a', new Date('+010000-01-01T00:00:00.000Z'))).toThrow(RangeError);
    expect(() => encodeMember('a', new Date(Date.parse('0000-01-01T00:00:00.000Z') - 1))).toThrow(RangeError);
  });

  it.each(['', 'alice', '12345:alice', '123456789012345:', '12345678901234x:alice'])(
    'is not read from %j',
    (text) => {
      expect(decodeMember(text)).toBeUndefined();
    },
  );
});

describe('stored scores', () => {
  it('are negated, so the ascending order of the sorted set lists the best first', () => {
    expect(storedScore(7)).toBe(-7);
    expect(gameScore(-7)).toBe(7);
  });

  it('read a zero back as 0, not -0', () => {
    expect(Object.is(gameScore(storedScore(0)), 0)).toBe(true);
  });
});

describe('board keys', () => {
  it('share one hash tag per board, so its scripts run in one cluster slot', () => {
    const keys = boardKeys(currentBoard('week', new Date('2025-01-08T12:00:00.000Z')));
    expect(keys).toEqual({
      ranks: '{leaderboard:week:2025-01-06}:ranks',
      members: '{leaderboard:week:2025-01-06}:members',
      complete: '{leaderboard:week:2025-01-06}:complete',
      rebuildLock: '{leaderboard:week:2025-01-06}:rebuild-lock',
    });
    expect(boardKeys(currentBoard('all', new Date())).ranks).toBe('{leaderboard:all}:ranks');
  });
});
