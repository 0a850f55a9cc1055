import { type Period, weekStart } from './period.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** One ranked board: all time, or one ISO week from its Monday 00:00 UTC. */
export type Board = { readonly period: 'all' } | { readonly period: 'week'; readonly start: Date };

/** The instants a board counts scores in: from (inclusive) until (exclusive); null for all time. */
export interface ScoreWindow {
  readonly from: Date;
  readonly until: Date;
}

export const ALL_TIME: Board = { period: 'all' };

/** The board a reader of `period` sees at `now`. */
export function currentBoard(period: Period, now: Date): Board {
  switch (period) {
    case 'all':
      return ALL_TIME;
    case 'week':
      return { period: 'week', start: weekStart(now) };
  }
}

/** Every board a game finished at `finishedAt` counts on. */
export function boardsOfScore(finishedAt: Date): readonly Board[] {
  return [ALL_TIME, { period: 'week', start: weekStart(finishedAt) }];
}

export function boardWindow(board: Board): ScoreWindow | null {
  switch (board.period) {
    case 'all':
      return null;
    case 'week':
      return { from: board.start, until: new Date(board.start.getTime() + WEEK_MS) };
  }
}

export function boardStart(board: Board): Date | null {
  return board.period === 'all' ? null : board.start;
}

/** A stable name for the board, unique among boards: `all`, `week:2025-01-06`. */
export function boardName(board: Board): string {
  return board.period === 'all' ? 'all' : `week:${board.start.toISOString().slice(0, 10)}`;
}

/**
 * A week's board is read only while its week is the current one; the margin after its end covers
 * instances whose clocks run behind and scores reported late. Past that, it is dropped.
 */
export const WEEK_BOARD_MARGIN_MS = DAY_MS;

/**
 * The all-time board is kept while it is written or rebuilt at least once in this time; a board
 * nobody touched for longer is dropped, and the next read rebuilds it from the database.
 */
export const ALL_TIME_BOARD_IDLE_MS = 7 * DAY_MS;

export interface BoardLifetimes {
  /** How long the board's data may live from now. */
  readonly dataMs: number;
  /**
   * How long a complete board is trusted before it is rebuilt from the database: never longer than
   * its data lives, so a board can never be marked complete while its data is gone.
   */
  readonly trustedMs: number;
}

/** The lifetimes of a board written or rebuilt at `now`; null once a week's board is past keeping. */
export function boardLifetimes(board: Board, now: Date, refreshMs: number): BoardLifetimes | null {
  const dataMs =
    board.period === 'all'
      ? ALL_TIME_BOARD_IDLE_MS
      : board.start.getTime() + WEEK_MS + WEEK_BOARD_MARGIN_MS - now.getTime();
  if (dataMs <= 0) return null;
  return { dataMs, trustedMs: Math.min(refreshMs, dataMs) };
}
