import { conflict } from '@know-foolery/shared/errors';
import { newId } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import { LeaderboardErrorCode } from '../contract/error-codes.js';
import type { LeaderboardDatabase } from '../data/schema.js';
import { findGameScore, insertGameScore } from '../data/score-repository.js';
import { type GameScore, isSameGameScore } from '../domain/score.js';
import type { Boards } from './boards.js';

export interface RecordScoreDeps {
  readonly db: Kysely<LeaderboardDatabase>;
  readonly boards: Boards;
}

export type Recording = 'recorded' | 'already-recorded';

/**
 * Records a finished game's score once. game-service may submit it again (a retry after a lost
 * answer); the same report is acknowledged, a different one for the same game is refused. The
 * database holds the score before the boards hear of it, both times: a repeat makes good a board
 * write lost the first time (the boards keep each player's best, so twice is harmless).
 */
export async function recordGameScore(deps: RecordScoreDeps, score: GameScore): Promise<Recording> {
  const recording = await recordOnce(deps.db, score);
  await deps.boards.recorded(score);
  return recording;
}

async function recordOnce(db: Kysely<LeaderboardDatabase>, score: GameScore): Promise<Recording> {
  if (await insertGameScore(db, newId(), score)) return 'recorded';
  const recorded = await findGameScore(db, score.gameId);
  if (recorded === undefined) throw new Error(`the score of game ${score.gameId} vanished`);
  if (!isSameGameScore(recorded, score)) {
    throw conflict(
      `game ${score.gameId} was already recorded with a different result`,
      LeaderboardErrorCode.scoreConflict,
    );
  }
  return 'already-recorded';
}
