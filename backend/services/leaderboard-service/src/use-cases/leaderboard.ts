import type { CallContext } from '@know-foolery/shared/http-client';
import type { Clock } from '@know-foolery/shared/utils';
import type { UserDirectory } from '../clients/user-directory-client.js';
import { boardStart, currentBoard } from '../domain/board.js';
import type { Period } from '../domain/period.js';
import { type RankedBest, standingRank } from '../domain/ranking.js';
import type { Boards } from './boards.js';

export interface LeaderboardDeps {
  readonly boards: Boards;
  readonly clock: Clock;
  readonly users: UserDirectory;
}

export interface WarningLog {
  warn(details: object, message: string): void;
}

/** The request a board is built for: its context for downstream calls and its logger. */
export interface BoardRequest {
  readonly context: CallContext;
  readonly log: WarningLog;
}

export interface LeaderboardEntry extends RankedBest {
  readonly displayName: string | null;
}

export interface Leaderboard {
  readonly period: Period;
  readonly periodStart: Date | null;
  readonly entries: readonly LeaderboardEntry[];
}

export async function showLeaderboard(
  deps: LeaderboardDeps,
  period: Period,
  limit: number,
  request: BoardRequest,
): Promise<Leaderboard> {
  const board = currentBoard(period, deps.clock.now());
  const bests = await deps.boards.top(board, limit);
  const names = await displayNamesIfAvailable(
    deps.users,
    bests.map((best) => best.userId),
    request,
  );
  return {
    period,
    periodStart: boardStart(board),
    entries: bests.map((best) => ({ ...best, displayName: names.get(best.userId) ?? null })),
  };
}

/** Names make the board friendlier but are not what it ranks: without user-service it still answers. */
async function displayNamesIfAvailable(
  users: UserDirectory,
  ids: readonly string[],
  request: BoardRequest,
): Promise<ReadonlyMap<string, string>> {
  try {
    return await users.displayNames(ids, request.context);
  } catch (error) {
    request.log.warn({ err: error }, 'display names are unavailable: the board is shown without them');
    return new Map();
  }
}

export interface Standing {
  readonly period: Period;
  readonly periodStart: Date | null;
  readonly rank: number | null;
  readonly score: number | null;
  readonly totalPlayers: number;
}

export async function showStanding(deps: LeaderboardDeps, userId: string, period: Period): Promise<Standing> {
  const board = currentBoard(period, deps.clock.now());
  const standing = await deps.boards.standing(board, userId);
  return {
    period,
    periodStart: boardStart(board),
    rank: standingRank(standing),
    score: standing.score,
    totalPlayers: standing.totalPlayers,
  };
}
