import { type Static, Type } from 'typebox';
import { MAX_ALTERNATIVES } from '../domain/alternatives.js';
import {
  DIFFICULTIES,
  LETTER_OR_DIGIT,
  LIMITS,
  QUESTION_KINDS,
  REVIEW_REASONS,
} from '../domain/question-rules.js';

/** The schemas of single fields, shared by the admin, game-supply and import contracts. */

export const Difficulty = Type.Enum(DIFFICULTIES);
export type Difficulty = Static<typeof Difficulty>;
export const QuestionKind = Type.Enum(QUESTION_KINDS);
export type QuestionKind = Static<typeof QuestionKind>;
export const ReviewReason = Type.Enum(REVIEW_REASONS);
export type ReviewReason = Static<typeof ReviewReason>;

/** As typed: question-service normalizes it ("Pop Culture" is `pop-culture`) and refuses what is not a theme. */
export const Theme = Type.String({ minLength: 1, maxLength: LIMITS.theme });
/** Text with at least one letter or digit; surrounding space is trimmed where it is stored. */
const HAS_LETTER_OR_DIGIT = LETTER_OR_DIGIT.source;
export const QuestionText = Type.String({
  minLength: 1,
  maxLength: LIMITS.text,
  pattern: HAS_LETTER_OR_DIGIT,
});
export const Answer = Type.String({ minLength: 1, maxLength: LIMITS.answer, pattern: HAS_LETTER_OR_DIGIT });
export const Alternatives = Type.Array(Answer, { maxItems: MAX_ALTERNATIVES });
export const Hint = Type.Union([Type.String({ minLength: 1, maxLength: LIMITS.hint }), Type.Null()]);

export const QUESTION_ID_PATTERN = '^[A-Za-z0-9_-]{1,128}$';
