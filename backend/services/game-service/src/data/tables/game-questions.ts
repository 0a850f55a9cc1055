import type { Flag, Timestamp } from '@know-foolery/shared/database';
import type { Difficulty, QuestionKind } from '../../domain/rules.js';

/** One question handed out in a game, with a snapshot of it taken when it was drawn. */
export interface GameQuestionsTable {
  id: string;
  game_id: string;
  question_id: string;
  sequence: number;
  theme: string;
  difficulty: Difficulty;
  text: string;
  answer: string;
  hint: string | null;
  kind: QuestionKind;
  /** A JSON array of the other answers accepted when the question was drawn. */
  alternatives: string;
  attempts_used: number;
  hint_shown: Flag;
  settled: Flag;
  correct: Flag;
  points_awarded: number;
  served_at: Timestamp;
  settled_at: Timestamp | null;
}
