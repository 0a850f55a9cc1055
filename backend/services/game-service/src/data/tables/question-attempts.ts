import type { Flag, Timestamp } from '@know-foolery/shared/database';
import type { VerdictReason } from '../../domain/answer-matching.js';

export interface QuestionAttemptsTable {
  id: string;
  game_id: string;
  game_question_id: string;
  question_id: string;
  user_id: string;
  answer_given: string;
  is_correct: Flag;
  attempt_number: number;
  hint_shown: Flag;
  /** Why the judge decided as it did; null for attempts recorded before verdicts were kept. */
  verdict: VerdictReason | null;
  verdict_explanation: string | null;
  created_at: Timestamp;
}
