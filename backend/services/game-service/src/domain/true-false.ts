import type { Verdict } from './answer-matching.js';
import { normalizeAnswer } from './answer-matching.js';

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n']);

/** "True", "t", "yes" read as true; "False", "f", "no" as false; anything else is not an answer to a true/false question. */
export function readTrueFalse(text: string): boolean | null {
  const word = normalizeAnswer(text);
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/**
 * A true/false answer is right or wrong as a whole: no typo to forgive, no alternative to match.
 * Null when the given text is neither (the caller refuses it without spending the one attempt).
 */
export function judgeTrueFalse(given: string, expected: boolean): Verdict | null {
  const answer = readTrueFalse(given);
  if (answer === null) return null;
  const truth = expected ? 'True' : 'False';
  if (answer !== expected) {
    return {
      correct: false,
      reason: 'wrong',
      matched: null,
      typo: null,
      explanation: 'Not accepted: the statement is the other way round.',
    };
  }
  return {
    correct: true,
    reason: given.trim() === truth ? 'exact' : 'normalized',
    matched: truth,
    typo: null,
    explanation: `Accepted: "${given.trim()}" reads as "${truth}".`,
  };
}
