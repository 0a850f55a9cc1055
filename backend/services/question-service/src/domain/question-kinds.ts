import type { QuestionKind } from './question-rules.js';

/** The two-way answers: a statement judged True or False, or a question answered Yes or No. */
const POLAR_PAIRS: readonly (readonly [string, string])[] = [
  ['true', 'false'],
  ['yes', 'no'],
];

function pairOf(text: string): readonly [string, string] | undefined {
  const word = text.trim().toLowerCase();
  return POLAR_PAIRS.find((pair) => pair.includes(word));
}

/**
 * `true_false` when the answer is True/False or Yes/No and the question offers no other choice (no
 * options, or only the two of the same pair); `free_text` otherwise. An answer "True" among options
 * such as "Sometimes" is a multiple-choice question that happens to pick the word, not a statement
 * to judge. Either way two guesses would always find the answer, so both play as true/false.
 */
export function kindOf(answer: string, options: readonly string[] = []): QuestionKind {
  const pair = pairOf(answer);
  if (pair === undefined) return 'free_text';
  const offered = options.map((option) => option.trim()).filter((option) => option !== '');
  return offered.every((option) => pairOf(option) === pair) ? 'true_false' : 'free_text';
}

/** Lower case, `&` read as "and", punctuation as spaces: "A & C." and "a and c" compare equal. */
function wordsOf(answer: string): string {
  return answer
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Answers that point at the multiple-choice options instead of naming something, found by reading
 * every answer of the OpenTriviaQA set. Each pattern covers a family seen there:
 * - "Both", "Neither": one of two options named only in the option list;
 * - "All of these", "None of the above", "Both of them", "All of the these", "In neither of them";
 * - the same quantifiers followed by more words: "All of these reasons", "It could be any or all of
 *   these.", "He was in all of these bands", "None of these. All 6 have been found.";
 * - verdicts on the options themselves: "They are all true.", "These are all synonyms of the word
 *   reticent.", "All statements are in fact true.", "All of the answers are correct", "They all are",
 *   "All of them are correctly matched.", "All of them have accomplished this feat.";
 * - option letters: "A and C", "B and D", "A, B and C", "Both A and B".
 * Real answers that merely start alike stay playable: "None" (a count: "How many Grammys did it
 * win?"), "All" (how many of four players), "Both Sides Now", "Both of them die.", "None of them
 * made it to the Top 100 list." (what films have in common), "One of These Days", "All These Things
 * That I've Done", the chord list "E, A, B", the letter "C" (an element). A false positive only sends a
 * question to a curator; a miss would put an unanswerable question in play, so the patterns lean
 * towards flagging.
 */
const REFERS_TO_OPTIONS: readonly RegExp[] = [
  /^(both|neither)$/,
  /^(in )?(all|none|both|neither|each|any) of (the )?(these|those|them|this|above)$/,
  /\b(all|none|both|neither|any) of (the )?(these|above)\b/,
  /^(they|these) (are all|all are)( (true|correct|right|possible))?$/,
  /^these are all\b/,
  /^(all|none) (of )?(the )?(statements|answers|options|choices|sentences)\b/,
  /^(all|none) of them (are|is) (all )?(correct|correctly matched|true|right)$/,
  /^(all|none) of them (have|has) (done|accomplished) (this|that|it)\b/,
  /^there are no (incorrect|wrong|false) (statements|answers|options)\b/,
  /^(both |only )?[a-d]( [a-d])* (and|or) [a-d]$/,
];

/**
 * True when the answer means nothing without the multiple-choice options the game never shows
 * ("All of these", "Both", "A and C"): such a question is kept for a curator to rewrite.
 */
export function needsOptions(answer: string): boolean {
  const words = wordsOf(answer);
  return REFERS_TO_OPTIONS.some((pattern) => pattern.test(words));
}
