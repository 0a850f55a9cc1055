import { describe, expect, it } from 'vitest';
import {
  ALL_TIME_BOARD_IDLE_MS,
  boardLifetimes,
  boardName,
  boardsOfScore,
  boardWindow,
  currentBoard,
  WEEK_BOARD_MARGIN_MS,
} from '../src/domain/board.js';

const HOUR_MS = 60 * 60 * 1000;
const week = (start: string) => ({ period: 'week', start: new Date(start) }) as const;

describe('the boards a score counts on', () => {
  it('are all time and the ISO week of the instant the game finished', () => {
    expect(boardsOfScore(new Date('2025-01-05T23:59:59.999Z')).map(boardName)).toEqual([
      'all',
      'week:2024-12-30',
    ]);
    expect(boardsOfScore(new Date('2025-01-06T00:00:00.000Z')).map(boardName)).toEqual([
      'all',
      'week:2025-01-06',
    ]);
  });

  it('are the boards a reader sees that week', () => {
    const now = new Date('2025-01-08T12:00:00.000Z');
    expect(boardsOfScore(now)).toEqual([currentBoard('all', now), currentBoard('week', now)]);
  });
});

describe('a board window', () => {
  it('is none for all time', () => {
    expect(boardWindow(currentBoard('all', new Date()))).toBeNull();
  });

  it('is a week from Monday 00:00 UTC, the next Monday excluded', () => {
    expect(boardWindow(week('2025-01-06T00:00:00.000Z'))).toEqual({
      from: new Date('2025-01-06T00:00:00.000Z'),
      until: new Date('2025-01-13T00:00:00.000Z'),
    });
  });
});

describe('board lifetimes', () => {
  const refreshMs = HOUR_MS;

  it('keep the all-time board while it is used, trusted for the refresh period', () => {
    expect(boardLifetimes(currentBoard('all', new Date()), new Date(), refreshMs)).toEqual({
      dataMs: ALL_TIME_BOARD_IDLE_MS,
      trustedMs: refreshMs,
    });
  });

  it('keep a week until its end plus the margin', () => {
    const board = week('2025-01-06T00:00:00.000Z');
    const lifetimes = boardLifetimes(board, new Date('2025-01-12T23:00:00.000Z'), refreshMs);
    expect(lifetimes).toEqual({ dataMs: HOUR_MS + WEEK_BOARD_MARGIN_MS, trustedMs: refreshMs });
  });

  it('never trust a board longer than its data lives', () => {
    const board = week('2025-01-06T00:00:00.000Z');
    const end = new Date('2025-01-13T00:00:00.000Z').getTime() + WEEK_BOARD_MARGIN_MS;
    expect(boardLifetimes(board, new Date(end - 1_000), refreshMs)).toEqual({
      dataMs: 1_000,
      trustedMs: 1_000,
    });
  });

  it('are none for a week past its margin: a late score is left to the database', () => {
    const board = week('2025-01-06T00:00:00.000Z');
    const end = new Date('2025-01-13T00:00:00.000Z').getTime() + WEEK_BOARD_MARGIN_MS;
    expect(boardLifetimes(board, new Date(end), refreshMs)).toBeNull();
    expect(boardLifetimes(board, new Date(end + 1), refreshMs)).toBeNull();
  });
});
