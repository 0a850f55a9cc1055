import { conflict } from '@know-foolery/shared/errors';
import { newId } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import { LeaderboardErrorCode } from '../contract/error-codes.js';
import type { LeaderboardDatabase } from '../data/schema.js';
import { findGameScore, insertGameScore } from '../data/score-repository.js';
import { type GameScore, isSameGameScore } from '../domain/score.js';

export type Recording = 'recorded' | 'already-recorded';

/**
 * Records a finished game's score once. game-service may submit it again (a retry after a lost
 * answer); the same report is acknowledged, a different one for the same game is refused.
 */
export async function recordGameScore(db: Kysely<LeaderboardDatabase>, score: GameScore): Promise<Recording> {
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
