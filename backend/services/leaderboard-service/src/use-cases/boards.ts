import type { Database } from '@know-foolery/shared/database';
import type { LeaderboardDatabase } from '../data/schema.js';
import { playerStanding, topBests } from '../data/score-repository.js';
import { type Board, boardWindow } from '../domain/board.js';
import type { PlayerStanding, RankedBest } from '../domain/ranking.js';
import type { GameScore } from '../domain/score.js';

/** Where the boards are read from: the database itself, or Redis in front of it (`CachedBoards`). */
export interface Boards {
  /** The first `limit` players of the board, best first, with their competition ranks. */
  top(board: Board, limit: number): Promise<RankedBest[]>;
  standing(board: Board, userId: string): Promise<PlayerStanding>;
  /** Called once the database holds the score (again, for a repeated submission). Never throws. */
  recorded(score: GameScore): Promise<void>;
}

export type BoardDatabase = Pick<Database<LeaderboardDatabase>, 'db' | 'dialect'>;

/** The boards ranked by SQL over the scores table, the truth every other reading must agree with. */
export class SqlBoards implements Boards {
  readonly #database: BoardDatabase;

  constructor(database: BoardDatabase) {
    this.#database = database;
  }

  top(board: Board, limit: number): Promise<RankedBest[]> {
    return topBests(this.#database.db, this.#database.dialect, boardWindow(board), limit);
  }

  standing(board: Board, userId: string): Promise<PlayerStanding> {
    return playerStanding(this.#database.db, userId, boardWindow(board));
  }

  /** The scores table is the board: nothing else to write. */
  async recorded(): Promise<void> {}
}
