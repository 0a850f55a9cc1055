/** The rules of a game, as plain functions: no database, no HTTP. */

import { DIFFICULTIES, QUESTION_KINDS } from '@know-foolery/question-service/contract';

export const POINTS_WITHOUT_HINT = 2;
export const POINTS_WITH_HINT = 1;

/**
 * How a question is played. Free text allows three attempts and a hint. True/false allows one
 * attempt and no hint: with two guesses it would always score, and any hint gives it away.
 * question-service owns the kinds and difficulties; the game plays what it hands out.
 */
export { DIFFICULTIES, QUESTION_KINDS };
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];

const ATTEMPTS: Readonly<Record<QuestionKind, number>> = { free_text: 3, true_false: 1 };

export function maxAttempts(kind: QuestionKind): number {
  return ATTEMPTS[kind];
}

export function hasHint(kind: QuestionKind): boolean {
  return kind === 'free_text';
}

export const GAME_STATUSES = ['active', 'finished', 'expired', 'exhausted'] as const;
export type GameStatus = (typeof GAME_STATUSES)[number];
/** Why a game ended: the player stopped it, its time ran out, or no question was left. */
export type EndReason = Exclude<GameStatus, 'active'>;

export interface AttemptOutcome {
  readonly pointsAwarded: number;
  readonly settled: boolean;
  readonly attemptsLeft: number;
}

export interface Attempt {
  readonly kind: QuestionKind;
  /** 1 for the first attempt at the question. */
  readonly number: number;
  readonly correct: boolean;
  readonly hintShown: boolean;
}

/**
 * The first correct attempt settles the question with 2 points, or 1 once the hint was shown; the
 * last allowed miss (the third for free text, the only one for true/false) settles it with 0.
 */
export function scoreAttempt(attempt: Attempt): AttemptOutcome {
  if (attempt.correct) {
    return {
      pointsAwarded: attempt.hintShown ? POINTS_WITH_HINT : POINTS_WITHOUT_HINT,
      settled: true,
      attemptsLeft: 0,
    };
  }
  const attemptsLeft = Math.max(0, maxAttempts(attempt.kind) - attempt.number);
  return { pointsAwarded: 0, settled: attemptsLeft === 0, attemptsLeft };
}

export function isExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}

export function expiryFor(startedAt: Date, durationSeconds: number): Date {
  return new Date(startedAt.getTime() + durationSeconds * 1000);
}

/** A hint always exists: the question's own, or one drawn from the answer's shape. */
export function hintFor(storedHint: string | null, answer: string): string {
  if (storedHint !== null && storedHint.trim() !== '') return storedHint;
  const words = answer.trim().split(/\s+/);
  const first = [...answer.trim()][0] ?? '';
  if (words.length === 1)
    return `Starts with "${first.toUpperCase()}", ${[...answer.trim()].length} characters`;
  return `Starts with "${first.toUpperCase()}", ${words.length} words of ${words.map((word) => [...word].length).join(', ')} characters`;
}
