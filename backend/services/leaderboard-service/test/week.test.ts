import { describe, expect, it } from 'vitest';
import { boardStart, currentBoard } from '../src/domain/board.js';
import { weekStart } from '../src/domain/period.js';

describe('weekStart', () => {
  it.each([
    ['Monday midnight starts its own week', '2025-01-06T00:00:00.000Z', '2025-01-06T00:00:00.000Z'],
    ['Monday noon', '2025-01-06T12:30:00.000Z', '2025-01-06T00:00:00.000Z'],
    ['Wednesday', '2025-01-08T09:00:00.000Z', '2025-01-06T00:00:00.000Z'],
    ['the last instant of Sunday', '2025-01-12T23:59:59.999Z', '2025-01-06T00:00:00.000Z'],
    ['Sunday before a Monday midnight', '2025-01-05T23:59:00.000Z', '2024-12-30T00:00:00.000Z'],
    ['a week spanning a new year', '2025-01-01T08:00:00.000Z', '2024-12-30T00:00:00.000Z'],
    ['a leap day', '2024-02-29T18:00:00.000Z', '2024-02-26T00:00:00.000Z'],
    ['an offset that is still Sunday in UTC', '2025-01-06T00:30:00.000+01:00', '2024-12-30T00:00:00.000Z'],
  ])('%s: %s starts at %s', (_case, instant, expected) => {
    expect(weekStart(new Date(instant)).toISOString()).toBe(expected);
  });
});

describe('the start of the current board', () => {
  const now = new Date('2025-01-08T09:00:00.000Z');

  it('has no start for all time', () => {
    expect(boardStart(currentBoard('all', now))).toBeNull();
  });

  it('starts the week on Monday 00:00 UTC', () => {
    expect(boardStart(currentBoard('week', now))?.toISOString()).toBe('2025-01-06T00:00:00.000Z');
  });
});
