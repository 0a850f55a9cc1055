import type { Difficulty } from './question-rules.js';

export interface Question {
  readonly id: string;
  readonly theme: string;
  readonly text: string;
  readonly answer: string;
  readonly hint: string | null;
  readonly difficulty: Difficulty;
  readonly isActive: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewQuestion {
  readonly theme: string;
  readonly text: string;
  readonly answer: string;
  readonly hint: string | null;
  readonly difficulty: Difficulty;
}

export type QuestionChanges = Partial<NewQuestion & { readonly isActive: boolean }>;

export interface QuestionFilter {
  readonly theme?: string | undefined;
  readonly difficulty?: Difficulty | undefined;
  readonly active?: boolean | undefined;
  readonly text?: string | undefined;
}
