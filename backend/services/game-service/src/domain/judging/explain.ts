import { type Answer, quote } from './answer.js';
import type { Comparison, WordPair } from './compare.js';
import type { TokenKind } from './tokens.js';

/**
 * The one sentence a verdict gives the player. An acceptance may show the accepted answer; a refusal
 * never does, since the player may try again: it points at the word that is wrong, in the player's own
 * spelling, and says what sort of word it should be.
 */

export interface Typo {
  readonly expected: string;
  readonly given: string;
}

export function exactExplanation(given: string): string {
  return `Accepted: "${given.trim()}" is exactly right.`;
}

export function normalizedExplanation(given: string, matched: string): string {
  return `Accepted: "${given.trim()}" is "${matched.trim()}" written differently.`;
}

export function alternativeExplanation(given: string, matched: string): string {
  return `Accepted: "${given.trim()}" matches "${matched.trim()}", one of the accepted answers.`;
}

export function typoExplanation(typo: Typo): string {
  return `Accepted: "${typo.given}" is taken as a typo of "${typo.expected}".`;
}

export const BLANK_EXPLANATION = 'Not accepted: there are no letters or digits to judge.';
export const WRONG_EXPLANATION = 'Not accepted: that is not the answer.';

const NOUNS: Readonly<Record<TokenKind, string>> = {
  word: 'word',
  code: 'word',
  letter: 'letter',
  number: 'number',
  numeral: 'number',
  ordinal: 'ordinal',
};

function oneWordWrong(answer: Answer, pair: WordPair): string {
  const word = quote(answer, pair.given);
  const noun = NOUNS[pair.expected.kind];
  // Naming the sort only when the player's word is of that sort too: "2" for "World War I" is not "the
  // wrong letter".
  if (noun !== NOUNS[pair.given.kind]) return `Not accepted: "${word}" is not right.`;
  return `Not accepted: "${word}" is not the right ${noun}.`;
}

export function refusalExplanation(answer: Answer, comparison: Comparison): string {
  if (comparison.outcome !== 'different') return WRONG_EXPLANATION;
  const [only, ...others] = comparison.differing;
  if (only !== undefined && others.length === 0) return oneWordWrong(answer, only);
  if (comparison.differing.length < comparison.wordCount) {
    return `Not accepted: ${comparison.differing.length} of the ${comparison.wordCount} words are not right.`;
  }
  return WRONG_EXPLANATION;
}
