import type { Flag, Timestamp } from '@know-foolery/shared/database';
import type { Generated } from 'kysely';
import type { Difficulty } from '../domain/question-rules.js';

export interface QuestionsTable {
  id: string;
  theme: string;
  text: string;
  answer: string;
  hint: string | null;
  difficulty: Generated<Difficulty>;
  is_active: Flag;
  /** sha-256 of the normalized theme, text and answer: the same question is never stored twice. */
  content_key: string;
  /** Uniform in [0, 1): a random question is the first key at or after a random point, through an index. */
  random_key: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuestionDatabase {
  questions: QuestionsTable;
}
