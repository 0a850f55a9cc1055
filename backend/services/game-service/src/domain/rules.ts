/** The rules of a game, as plain functions: no database, no HTTP. */

export const MAX_ATTEMPTS = 3;
export const POINTS_WITHOUT_HINT = 2;
export const POINTS_WITH_HINT = 1;

export const GAME_STATUSES = ['active', 'finished', 'expired', 'exhausted'] as const;
export type GameStatus = (typeof GAME_STATUSES)[number];
/** Why a game ended: the player stopped it, its time ran out, or no question was left. */
export type EndReason = Exclude<GameStatus, 'active'>;
export type Difficulty = 'easy' | 'medium' | 'hard';

export interface AttemptOutcome {
  readonly pointsAwarded: number;
  readonly settled: boolean;
  readonly attemptsLeft: number;
}

/**
 * The first correct attempt (any of the three) settles the question with 2 points, or 1 once the
 * hint was shown; the third miss settles it with 0.
 */
export function scoreAttempt(attemptNumber: number, correct: boolean, hintShown: boolean): AttemptOutcome {
  if (correct) {
    return {
      pointsAwarded: hintShown ? POINTS_WITH_HINT : POINTS_WITHOUT_HINT,
      settled: true,
      attemptsLeft: 0,
    };
  }
  const attemptsLeft = Math.max(0, MAX_ATTEMPTS - attemptNumber);
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
