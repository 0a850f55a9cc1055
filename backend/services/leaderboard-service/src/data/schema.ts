import type { Timestamp } from '@know-foolery/shared/database';

/** One finished game's score, recorded once per game. */
export interface ScoresTable {
  id: string;
  /** Unique: game-service may submit the same game again (retries), and it counts once. */
  game_id: string;
  user_id: string;
  score: number;
  finished_at: Timestamp;
}

export interface LeaderboardDatabase {
  scores: ScoresTable;
}
