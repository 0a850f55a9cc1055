/**
 * Free-text answers are matched leniently: case, accents, punctuation, spacing and a leading
 * article never matter, and a small typo is forgiven. One module, pure, so the rule is one thing.
 */

/**
 * 0.85 forgives one slip in an answer of seven or more characters ("Beatels" for "Beatles") but not
 * in shorter ones, where one letter makes another word ("House" is not "Mouse").
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.85;

/** Beyond this length answers are compared exactly: typo tolerance costs O(n·m). */
const MAX_FUZZY_LENGTH = 200;
/** Answers this short, or numbers, are all signal: one character off is another answer. */
const MAX_EXACT_ONLY_LENGTH = 3;
const LEADING_ARTICLE = /^(?:the|a|an) (?=\S)/;
const COMBINING_MARKS = /\p{M}+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

export function normalizeAnswer(text: string): string {
  const plain = text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
  return plain.replace(LEADING_ARTICLE, '');
}

export function isBlankAnswer(text: string): boolean {
  return normalizeAnswer(text) === '';
}

/** Damerau–Levenshtein distance (optimal string alignment): a swap of two neighbours is one edit. */
function editDistance(a: readonly string[], b: readonly string[]): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** 1 for equal strings, falling towards 0 as edits are needed, relative to the longer one. */
export function similarity(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  const longest = Math.max(left.length, right.length);
  if (longest === 0) return 1;
  return 1 - editDistance(left, right) / longest;
}

export interface MatchOptions {
  readonly similarityThreshold: number;
}

export function isAnswerCorrect(given: string, expected: string, options: MatchOptions): boolean {
  const threshold = options.similarityThreshold;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`the similarity threshold must be in (0, 1], got ${threshold}`);
  }
  const answer = normalizeAnswer(given);
  const truth = normalizeAnswer(expected);
  if (answer === '') return false;
  if (answer === truth) return true;
  const exactOnly =
    [...truth].length <= MAX_EXACT_ONLY_LENGTH ||
    (/\p{N}/u.test(truth) && !/\p{L}/u.test(truth)) ||
    answer.length > MAX_FUZZY_LENGTH ||
    truth.length > MAX_FUZZY_LENGTH;
  if (exactOnly) return false;
  return similarity(answer, truth) >= threshold;
}
