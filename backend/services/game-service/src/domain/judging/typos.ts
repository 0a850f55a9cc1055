/**
 * Typo tolerance, word by word. A word is forgiven when its similarity to the expected word reaches the
 * threshold: 1 - edits / length of the longer word. At the default 0.85 one slip needs a word of seven or
 * more letters ("Beatels" for "Beatles": 6/7 = 0.857), two slips fourteen or more; shorter words must be
 * spelled exactly ("Berlim" is not "Berlin", 5/6 = 0.83).
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.85;

/**
 * Below five letters a word is exact-only whatever the threshold: one letter makes another word
 * ("Iran", "Iraq").
 */
const MIN_TYPO_LENGTH = 5;

/**
 * Typos are forgiven within one alphabet that separates words with spaces. A word mixing scripts is
 * exact-only, so a look-alike letter from another alphabet ("Аmsterdam" with a Cyrillic А) is never a typo;
 * in Chinese, Japanese or Korean one character is a word of its own, so a difference is never a slip.
 */
const ONE_ALPHABET: readonly RegExp[] = [
  /^\p{Script=Latin}+$/u,
  /^\p{Script=Greek}+$/u,
  /^\p{Script=Cyrillic}+$/u,
  /^\p{Script=Armenian}+$/u,
  /^\p{Script=Georgian}+$/u,
];

/**
 * A similarity equal to the threshold on paper reaches it, though floating point may put the allowance a
 * hair below a whole edit ((1 - 0.68) * 25 is 7.999999999999999, not 8).
 */
const ROUNDING_SLACK = 1e-9;

/** Damerau–Levenshtein distance (optimal string alignment): a swap of two neighbours is one edit. */
function editDistance(a: readonly string[], b: readonly string[]): number {
  // Stryker disable next-line ArrayDeclaration: unread until i > 1, by when it holds a row
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

/**
 * How many edits a word may carry: similarity, 1 - edits / length of the longer word, must reach the
 * threshold. Counted in whole edits so a similarity exactly at the threshold is exactly at the limit.
 */
function allowedEdits(length: number, threshold: number): number {
  return Math.floor((1 - threshold) * length + ROUNDING_SLACK);
}

function canCarryTypo(word: readonly string[]): boolean {
  const text = word.join('');
  return word.length >= MIN_TYPO_LENGTH && ONE_ALPHABET.some((alphabet) => alphabet.test(text));
}

/** Whether `given` is `expected` with a slip the threshold forgives; both are folded ordinary words. */
export function isTypo(expected: string, given: string, threshold: number): boolean {
  const truth = [...expected];
  const answer = [...given];
  if (!canCarryTypo(truth) || !canCarryTypo(answer)) return false;
  return editDistance(answer, truth) <= allowedEdits(Math.max(answer.length, truth.length), threshold);
}
