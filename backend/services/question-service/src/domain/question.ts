import type { Difficulty, QuestionKind, ReviewReason } from './question-rules.js';

export interface Question {
  readonly id: string;
  readonly theme: string;
  readonly text: string;
  readonly answer: string;
  /** Other answers a fair host accepts ("Everest" for "Mount Everest"). */
  readonly alternatives: readonly string[];
  readonly hint: string | null;
  readonly difficulty: Difficulty;
  readonly kind: QuestionKind;
  readonly isActive: boolean;
  /** Why the question waits, inactive, for a curator; null once a curator has activated it. */
  readonly reviewReason: ReviewReason | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewQuestion {
  readonly theme: string;
  readonly text: string;
  readonly answer: string;
  readonly alternatives: readonly string[];
  readonly hint: string | null;
  readonly difficulty: Difficulty;
  readonly kind: QuestionKind;
}

export type QuestionChanges = Partial<NewQuestion & { readonly isActive: boolean }>;

export interface QuestionFilter {
  readonly theme?: string | undefined;
  readonly difficulty?: Difficulty | undefined;
  readonly kind?: QuestionKind | undefined;
  readonly active?: boolean | undefined;
  readonly reviewReason?: ReviewReason | undefined;
  readonly text?: string | undefined;
}

/** The questions a game may draw from; `kinds` absent means every kind. */
export interface QuestionPool {
  readonly theme?: string | undefined;
  readonly difficulty?: Difficulty | undefined;
  readonly kinds?: readonly QuestionKind[] | undefined;
}

/**
 * A pool's active questions as a draw sees them before it reads the one it picks: ids and kinds
 * side by side (`kinds[i]` is the kind of `ids[i]`), in random-key order. Two flat lists, not a
 * list of objects: a pool of the whole bank is read back from Redis five times faster so.
 */
export interface PoolMembers {
  readonly ids: readonly string[];
  readonly kinds: readonly QuestionKind[];
}
