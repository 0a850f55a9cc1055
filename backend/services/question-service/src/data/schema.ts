import type { Flag, Timestamp } from '@know-foolery/shared/database';
import type { Generated } from 'kysely';
import type { Difficulty, QuestionKind, ReviewReason } from '../domain/question-rules.js';

export interface QuestionsTable {
  id: string;
  theme: string;
  text: string;
  answer: string;
  /** A JSON array of strings: other answers a fair host accepts. */
  alternatives: Generated<string>;
  hint: string | null;
  difficulty: Generated<Difficulty>;
  kind: Generated<QuestionKind>;
  is_active: Flag;
  /** Why the question waits, inactive, for a curator; cleared when a curator activates it. */
  review_reason: ReviewReason | null;
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
