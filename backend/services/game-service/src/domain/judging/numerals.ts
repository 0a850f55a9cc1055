/** Numbers written in letters: Roman numerals and English number words. */

const ROMAN_NUMERAL = /^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;
const ROMAN_DIGITS: ReadonlyMap<string, number> = new Map([
  ['i', 1],
  ['v', 5],
  ['x', 10],
  ['l', 50],
  ['c', 100],
  ['d', 500],
  ['m', 1000],
]);

/**
 * The value of a well-formed Roman numeral (lower case), or null. Only well-formed ones count, so
 * ordinary words made of the same letters ("civil", "did", "livid") stay words; "mix" is 1009.
 */
export function romanValue(word: string): number | null {
  if (word === '' || !ROMAN_NUMERAL.test(word)) return null;
  const digits = [...word].map((letter) => ROMAN_DIGITS.get(letter) ?? 0);
  return digits.reduce((total, digit, index) => {
    const next = digits[index + 1] ?? 0;
    return next > digit ? total - digit : total + digit;
  }, 0);
}

// Stryker disable next-line BlockStatement: the import fails; Stryker 9.6.1's runner calls that survived
function byValue(words: readonly string[], firstValue: number, step: number): [string, number][] {
  // Stryker disable next-line ArrowFunction: the module fails to import, as above
  return words.map((word, index) => [word, firstValue + index * step]);
}

/**
 * Words that name one number on their own. Compound ones ("twenty-one", "one hundred") are two words
 * and are not read as one number.
 */
export const CARDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ...byValue(
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
      ' ',
    ),
    0,
    1,
  ),
  ...byValue('thirty forty fifty sixty seventy eighty ninety'.split(' '), 30, 10),
]);

export const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ...byValue(
    'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth'.split(
      ' ',
    ),
    1,
    1,
  ),
  ...byValue('thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth'.split(' '), 30, 10),
]);
