import { type Answer, quote, readAnswer, withoutLeadingArticle } from './answer.js';
import { type Comparison, compareWords, distanceOf } from './compare.js';
import {
  alternativeExplanation,
  BLANK_EXPLANATION,
  exactExplanation,
  normalizedExplanation,
  refusalExplanation,
  type Typo,
  typoExplanation,
  WRONG_EXPLANATION,
} from './explain.js';

/**
 * Why an answer was accepted or not. Stored and served as is: add to the end, never rename.
 * - exact: identical to the answer once trimmed;
 * - normalized: equal to the answer once case, accents, punctuation, spacing, a leading article and the way
 *   numbers are written are set aside;
 * - typo: equal to the answer or an alternative but for a forgiven slip in an ordinary word;
 * - alternative: equal to an alternative, exactly or normalized;
 * - wrong: none of them.
 */
export const VERDICT_REASONS = ['exact', 'normalized', 'typo', 'alternative', 'wrong'] as const;
export type VerdictReason = (typeof VERDICT_REASONS)[number];

export interface AcceptedAnswers {
  readonly answer: string;
  readonly alternatives: readonly string[];
}

export interface MatchOptions {
  /** How similar a word must be to be forgiven as a typo: in (0, 1], 1 forgiving nothing. */
  readonly similarityThreshold: number;
}

export interface Verdict {
  readonly correct: boolean;
  readonly reason: VerdictReason;
  /** The accepted answer, the main one or an alternative, that the answer matched. */
  readonly matched: string | null;
  /** The words forgiven, as each side wrote them. */
  readonly typo: Typo | null;
  /** One plain sentence for the player; a refusal never gives the answer away. */
  readonly explanation: string;
}

/** Beyond this many characters, normalized, answers are compared exactly: measuring edits costs O(n·m). */
const MAX_FUZZY_LENGTH = 200;

function checkedThreshold(threshold: number): number {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`the similarity threshold must be in (0, 1], got ${threshold}`);
  }
  return threshold;
}

function normalizedLength(answer: Answer): number {
  return answer.words.reduce((length, word) => length + word.text.length + 1, -1);
}

function compareAnswers(given: Answer, expected: Answer, threshold: number): Comparison {
  const fuzzy = Math.max(normalizedLength(given), normalizedLength(expected)) <= MAX_FUZZY_LENGTH;
  const tolerance = fuzzy ? threshold : null;
  const givenBare = withoutLeadingArticle(given.words);
  const expectedBare = withoutLeadingArticle(expected.words);
  const bare = compareWords(givenBare, expectedBare, tolerance);
  const articleDropped = givenBare !== given.words || expectedBare !== expected.words;
  // Stryker disable next-line LogicalOperator,StringLiteral: a shortcut; the whole is never closer here
  if (bare.outcome === 'equal' || !articleDropped) return bare;
  // The article may belong to a name written as one word: "A-ha" is "Aha".
  const whole = compareWords(given.words, expected.words, tolerance);
  return distanceOf(whole) < distanceOf(bare) ? whole : bare;
}

interface Candidate {
  readonly answer: Answer;
  readonly isMain: boolean;
  readonly comparison: Comparison;
}

/** The accepted answer closest to the given one: equal beats a typo, and the main answer comes first. */
function closestCandidate(answer: Answer, accepted: AcceptedAnswers, threshold: number): Candidate | null {
  let closest: Candidate | null = null;
  for (const [index, text] of [accepted.answer, ...accepted.alternatives].entries()) {
    const candidate = readAnswer(text);
    if (candidate.words.length === 0) continue;
    const comparison = compareAnswers(answer, candidate, threshold);
    if (closest === null || distanceOf(comparison) < distanceOf(closest.comparison)) {
      closest = { answer: candidate, isMain: index === 0, comparison };
    }
    // Stryker disable next-line StringLiteral: a shortcut; no later candidate is closer than an equal one
    if (comparison.outcome === 'equal') break;
  }
  return closest;
}

function refused(explanation: string): Verdict {
  return { correct: false, reason: 'wrong', matched: null, typo: null, explanation };
}

function accepted(reason: VerdictReason, matched: string, typo: Typo | null, explanation: string): Verdict {
  return { correct: true, reason, matched, typo, explanation };
}

/**
 * Judges a free-text answer word by word against the accepted answer and its alternatives. Case, accents,
 * punctuation, spacing, "&" for "and", a leading article and the way a number is written never matter;
 * a typo is forgiven only in an ordinary word long enough to carry one. Numbers, ordinals, Roman numerals,
 * single letters and words with digits must match exactly.
 */
export function judgeAnswer(given: string, acceptedAnswers: AcceptedAnswers, options: MatchOptions): Verdict {
  const threshold = checkedThreshold(options.similarityThreshold);
  const answer = readAnswer(given);
  if (answer.words.length === 0) return refused(BLANK_EXPLANATION);
  const main = acceptedAnswers.answer;
  if (given.trim() === main.trim()) return accepted('exact', main, null, exactExplanation(given));
  const closest = closestCandidate(answer, acceptedAnswers, threshold);
  if (closest === null) return refused(WRONG_EXPLANATION);
  const { comparison } = closest;
  const matched = closest.answer.text;
  switch (comparison.outcome) {
    case 'equal':
      return closest.isMain
        ? accepted('normalized', matched, null, normalizedExplanation(given, matched))
        : accepted('alternative', matched, null, alternativeExplanation(given, matched));
    case 'typo': {
      const typo = {
        expected: quote(closest.answer, ...comparison.forgiven.expected),
        given: quote(answer, ...comparison.forgiven.given),
      };
      return accepted('typo', matched, typo, typoExplanation(typo));
    }
    default:
      return refused(refusalExplanation(answer, comparison));
  }
}
