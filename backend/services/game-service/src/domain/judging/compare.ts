import type { Token } from './tokens.js';
import { isTypo } from './typos.js';

export interface WordPair {
  readonly given: Token;
  readonly expected: Token;
}

/** The words a forgiven typo spans, on each side: from the first forgiven word to the last. */
export interface ForgivenStretch {
  readonly given: readonly [Token, Token];
  readonly expected: readonly [Token, Token];
}

export type Comparison =
  | { readonly outcome: 'equal' }
  | { readonly outcome: 'typo'; readonly forgiven: ForgivenStretch }
  | { readonly outcome: 'different'; readonly differing: readonly WordPair[]; readonly wordCount: number }
  | { readonly outcome: 'word-count' };

const EQUAL: Comparison = { outcome: 'equal' };
const WORD_COUNT_DIFFERS: Comparison = { outcome: 'word-count' };

/** Lower is closer: equal, then a forgiven typo, then fewer differing words, then another word count. */
export function distanceOf(comparison: Comparison): number {
  switch (comparison.outcome) {
    case 'equal':
      return 0;
    case 'typo':
      return 1;
    case 'different':
      return 1 + comparison.differing.length;
    case 'word-count':
      return Number.POSITIVE_INFINITY;
  }
}

function ends(words: readonly Token[]): readonly [Token, Token] | null {
  const first = words[0];
  const last = words.at(-1);
  // Stryker disable next-line LogicalOperator: with no word, the first and the last are missing together
  return first === undefined || last === undefined ? null : [first, last];
}

/** Equal when nothing had to be forgiven; otherwise a typo spanning the forgiven words. */
function forgiving(given: readonly Token[], expected: readonly Token[]): Comparison {
  const givenEnds = ends(given);
  const expectedEnds = ends(expected);
  // Stryker disable next-line LogicalOperator: both sides hold as many forgiven words: both empty or neither
  if (givenEnds === null || expectedEnds === null) return EQUAL;
  return { outcome: 'typo', forgiven: { given: givenEnds, expected: expectedEnds } };
}

/** Word for word: each pair equal, a forgiven typo of an ordinary word, or different. */
function compareInPlace(
  given: readonly Token[],
  expected: readonly Token[],
  threshold: number | null,
): Comparison {
  const pairs = given.flatMap((word, index) => {
    const truth = expected[index];
    return truth === undefined || truth.key === word.key ? [] : [{ given: word, expected: truth }];
  });
  const differing = pairs.filter(
    (pair) =>
      threshold === null ||
      pair.given.kind !== 'word' ||
      pair.expected.kind !== 'word' ||
      !isTypo(pair.expected.text, pair.given.text, threshold),
  );
  if (differing.length > 0) return { outcome: 'different', differing, wordCount: expected.length };
  return forgiving(
    pairs.map((pair) => pair.given),
    pairs.map((pair) => pair.expected),
  );
}

/** The words left once the ones both sides share at the start and at the end are set aside. */
function middles(given: readonly Token[], expected: readonly Token[]): [readonly Token[], readonly Token[]] {
  // Stryker disable next-line MethodExpression: no key matches past the shorter side, whose middle is empty
  const shortest = Math.min(given.length, expected.length);
  let head = 0;
  // Stryker disable next-line OptionalChaining: head stays below the shorter length, so both words exist
  while (head < shortest && given[head]?.key === expected[head]?.key) head += 1;
  let tail = 0;
  // Stryker disable next-line OptionalChaining: tail stays within both sides, so both words exist
  while (tail < shortest - head && given.at(-1 - tail)?.key === expected.at(-1 - tail)?.key) tail += 1;
  return [given.slice(head, given.length - tail), expected.slice(head, expected.length - tail)];
}

const ENDS_WITH_DIGIT = /[0-9]$/;
const STARTS_WITH_DIGIT = /^[0-9]/;

/** Spaces may be closed up ("spider man", "b 52") but never between two digits: "1 000" is two numbers. */
function closeUp(words: readonly Token[]): string | null {
  let joined = '';
  for (const word of words) {
    if (ENDS_WITH_DIGIT.test(joined) && STARTS_WITH_DIGIT.test(word.text)) return null;
    joined += word.text;
  }
  return joined;
}

/**
 * Joined and split words ("Spider-Man" and "Spiderman"): the words that differ, closed up, are the same
 * text, or, when all of them are ordinary words, the same text but for a forgiven typo.
 */
function compareClosedUp(
  given: readonly Token[],
  expected: readonly Token[],
  threshold: number | null,
): Comparison | null {
  const [givenMiddle, expectedMiddle] = middles(given, expected);
  // Stryker disable next-line LogicalOperator: an empty middle matches nothing below either: no word is ""
  if (givenMiddle.length === 0 || expectedMiddle.length === 0) return null;
  const givenJoined = closeUp(givenMiddle);
  const expectedJoined = closeUp(expectedMiddle);
  // Stryker disable next-line LogicalOperator: a side that cannot close up holds numbers, never words
  if (givenJoined === null || expectedJoined === null) return null;
  if (givenJoined === expectedJoined) return EQUAL;
  const allOrdinary = [...givenMiddle, ...expectedMiddle].every((word) => word.kind === 'word');
  if (threshold !== null && allOrdinary && isTypo(expectedJoined, givenJoined, threshold)) {
    return forgiving(givenMiddle, expectedMiddle);
  }
  return null;
}

/**
 * Compares two answers' words. Different word counts are different answers unless closing up spaces
 * makes them equal; a null threshold compares exactly.
 */
export function compareWords(
  given: readonly Token[],
  expected: readonly Token[],
  threshold: number | null,
): Comparison {
  const inPlace = given.length === expected.length ? compareInPlace(given, expected, threshold) : null;
  if (inPlace !== null && inPlace.outcome !== 'different') return inPlace;
  return compareClosedUp(given, expected, threshold) ?? inPlace ?? WORD_COUNT_DIFFERS;
}
