/**
 * Free-text answers are judged word by word: leniently where that is safe (case, accents, punctuation,
 * a typo in a long word), exactly where one character is the whole meaning (numbers, numerals, letters).
 * The rules live in ./judging/; this is what the rest of the service imports.
 */
export { isBlankAnswer, normalizeAnswer } from './judging/answer.js';
export {
  type AcceptedAnswers,
  judgeAnswer,
  type MatchOptions,
  VERDICT_REASONS,
  type Verdict,
  type VerdictReason,
} from './judging/judge.js';
export { DEFAULT_SIMILARITY_THRESHOLD } from './judging/typos.js';
