import type { Difficulty, EndReason, GameStatus, QuestionKind } from './rules.js';

export interface Game {
  readonly id: string;
  readonly userId: string;
  readonly status: GameStatus;
  readonly theme: string | null;
  readonly difficulty: Difficulty | null;
  /** The kinds of question this game draws; never empty. */
  readonly questionKinds: readonly QuestionKind[];
  readonly score: number;
  readonly questionsAnswered: number;
  readonly startedAt: Date;
  readonly expiresAt: Date;
  readonly endedAt: Date | null;
  readonly endReason: EndReason | null;
  readonly scoreRecorded: boolean;
}

export interface GameQuestion {
  readonly id: string;
  readonly gameId: string;
  readonly questionId: string;
  readonly sequence: number;
  readonly theme: string;
  readonly difficulty: Difficulty;
  readonly text: string;
  readonly answer: string;
  readonly alternatives: readonly string[];
  readonly hint: string | null;
  readonly kind: QuestionKind;
  readonly attemptsUsed: number;
  readonly hintShown: boolean;
  readonly settled: boolean;
}

export interface QuestionStats {
  readonly questionId: string;
  readonly timesServed: number;
  readonly attempts: number;
  readonly correctAttempts: number;
  readonly timesAnsweredCorrectly: number;
  readonly successRate: number;
  readonly hintsShown: number;
  readonly hintRate: number;
}
