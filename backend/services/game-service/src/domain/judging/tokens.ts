import { fold, type SourceRange } from './fold.js';
import { canonicalNumber } from './numbers.js';
import { CARDINAL_WORDS, ORDINAL_WORDS, romanValue } from './numerals.js';

/**
 * What a word of an answer is decides how it is compared: only a `word` may carry a typo. Numbers,
 * ordinals, numerals, single letters and codes mixing letters and digits are all signal: one character
 * off is another answer.
 */
export type TokenKind = 'word' | 'letter' | 'number' | 'ordinal' | 'numeral' | 'code';

export interface Token extends SourceRange {
  readonly kind: TokenKind;
  /** The folded word ("lodz", "1000"): what normalizeAnswer shows and what closed-up words are built from. */
  readonly text: string;
  /** Two tokens are the same word when their keys are equal: numbers by value ("VIII" = "8" = "8.0"). */
  readonly key: string;
}

/**
 * A number starts where no letter or digit comes before it, so "Catch-22" reads "catch" and "22" while
 * "-40" and "(-40)" keep their minus sign. A number glued to a unit splits from it ("100m" = "100 m"),
 * except an ordinal suffix ("21st"). Letters first, then digits, is one code: "b52", "mp3", "r2d2".
 */
const TOKEN =
  /(?<![\p{L}\p{N}])(?<sign>-)?(?<digits>[0-9]+(?:[.,][0-9]+)*|\.[0-9]+)(?:(?<suffix>st|nd|rd|th)(?![\p{L}\p{N}]))?(?![0-9]|[.,][0-9])|[\p{L}\p{N}]+/gu;
const ANY_DIGIT = /\p{N}/u;
/**
 * I, V and X alone are numerals as often as letters ("World War I", "Henry V"); C, D, L and M alone are
 * far more often letters ("vitamin C", "size L").
 */
const NUMERAL_LETTERS = new Set(['i', 'v', 'x']);

/** A token before its place in the answer is known. */
type Reading = Omit<Token, keyof SourceRange>;

const numberKey = (value: string | number): string => `n:${value}`;
const ordinalKey = (value: string | number): string => `o:${value}`;

function numberToken(sign: string | undefined, digits: string, suffix: string | undefined): Reading {
  const value = canonicalNumber(digits, sign !== undefined);
  if (value === null) {
    const written = `${sign ?? ''}${digits}${suffix ?? ''}`;
    return { kind: 'code', text: written, key: written };
  }
  if (suffix === undefined) return { kind: 'number', text: value, key: numberKey(value) };
  return { kind: 'ordinal', text: `${value}${suffix}`, key: ordinalKey(value) };
}

function wordToken(text: string): Reading {
  if (ANY_DIGIT.test(text)) return { kind: 'code', text, key: text };
  const cardinal = CARDINAL_WORDS.get(text);
  if (cardinal !== undefined) return { kind: 'number', text, key: numberKey(cardinal) };
  const ordinal = ORDINAL_WORDS.get(text);
  if (ordinal !== undefined) return { kind: 'ordinal', text, key: ordinalKey(ordinal) };
  const numeral = romanValue(text);
  if ([...text].length === 1) {
    const counts = numeral !== null && NUMERAL_LETTERS.has(text);
    return { kind: 'letter', text, key: counts ? numberKey(numeral) : text };
  }
  if (numeral !== null) return { kind: 'numeral', text, key: numberKey(numeral) };
  return { kind: 'word', text, key: text };
}

export function tokenize(original: string): Token[] {
  const folded = fold(original);
  const tokens: Token[] = [];
  for (const match of folded.text.matchAll(TOKEN)) {
    const first = folded.sources[match.index];
    const last = folded.sources[match.index + match[0].length - 1];
    // Stryker disable next-line LogicalOperator: a match lies inside the folded text: both ends exist
    if (first === undefined || last === undefined)
      // Stryker disable next-line StringLiteral: unreachable, as above
      throw new RangeError('a token lies outside the folded text');
    const { sign, digits, suffix } = match.groups ?? {};
    const token = digits === undefined ? wordToken(match[0]) : numberToken(sign, digits, suffix);
    tokens.push({ ...token, start: first.start, end: last.end });
  }
  return tokens;
}
