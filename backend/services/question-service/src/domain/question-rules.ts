import { createHash } from 'node:crypto';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * How a question is played. A free-text question allows three attempts and a hint; a true/false
 * question one attempt and no hint, since two guesses would always find its answer.
 */
export const QUESTION_KINDS = ['free_text', 'true_false'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * Why a question was taken out of play for a curator to look at: `needs_options` is an answer
 * ("All of these", "Both", "A and C") that means nothing without the multiple-choice options the
 * game never shows.
 */
export const REVIEW_REASONS = ['needs_options'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const LIMITS = { theme: 64, text: 1000, answer: 200, hint: 500 } as const;
const THEME = /^[a-z0-9][a-z0-9-]*$/;

/** A theme as stored: trimmed, lower-case, spaces and underscores as dashes. */
export function normalizeTheme(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** Some letter or digit: an answer of punctuation alone could never be matched, since the judge ignores punctuation. */
export const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function hasLetterOrDigit(text: string): boolean {
  return LETTER_OR_DIGIT.test(text);
}

export function isValidTheme(theme: string): boolean {
  return theme.length <= LIMITS.theme && THEME.test(theme);
}

export function isDifficulty(value: unknown): value is Difficulty {
  return typeof value === 'string' && (DIFFICULTIES as readonly string[]).includes(value);
}

function comparable(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Identity of a question's content: the same theme, text and answer (ignoring case and spacing)
 * is the same question. A unique key on it makes imports idempotent.
 */
export function contentKey(question: { theme: string; text: string; answer: string }): string {
  return createHash('sha256')
    .update(
      `${comparable(question.theme)}\u0000${comparable(question.text)}\u0000${comparable(question.answer)}`,
    )
    .digest('hex');
}
