import type { Flag, Timestamp } from '@know-foolery/shared/database';

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
  created_at: Timestamp;
}
