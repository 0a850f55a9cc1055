import type { Flag, Timestamp } from '@know-foolery/shared/database';
import type { Difficulty, EndReason, GameStatus } from '../../domain/rules.js';

export interface GameSessionsTable {
  id: string;
  user_id: string;
  status: GameStatus;
  theme: string | null;
  difficulty: Difficulty | null;
  score: number;
  questions_answered: number;
  started_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: EndReason | null;
  /** The kinds of question this game draws, comma-separated (`free_text,true_false`). */
  question_kinds: string;
  /** Whether the leaderboard has the final score; the sweeper retries until it does. */
  score_recorded: Flag;
  updated_at: Timestamp;
}
