/**
 * Folding makes two spellings of one answer the same text: compatibility forms are unfolded (NFKD:
 * "ﬁ" -> "fi", "²" -> "2", "Ⅷ" -> "VIII"), accents and other combining marks dropped, letters lower-cased,
 * and the letters Unicode gives no decomposition spelled as a keyboard without them would.
 */

const COMBINING_MARKS = /\p{M}/gu;

const SPELLINGS: ReadonlyMap<string, string> = new Map([
  // Letters NFKD leaves whole: their usual spelling in plain Latin letters.
  ['ł', 'l'],
  ['ø', 'o'],
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['đ', 'd'],
  ['ð', 'd'],
  ['þ', 'th'],
  ['ı', 'i'],
  ['ħ', 'h'],
  ['ŧ', 't'],
  ['ƒ', 'f'],
  // Lower-casing one character at a time cannot know a sigma ends a word; case folding uses σ for both.
  ['ς', 'σ'],
  // Dashes a keyboard or a phone may put before a number all read as a minus sign.
  ['‐', '-'],
  ['‒', '-'],
  ['–', '-'],
  ['−', '-'],
  ['&', ' and '],
]);

/** Where a character of the folded text came from in the original, to quote the original back. */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

export interface FoldedText {
  readonly text: string;
  /** One range per UTF-16 unit of `text`. */
  readonly sources: readonly SourceRange[];
}

function foldCharacter(character: string): string {
  const plain = character.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
  let spelled = '';
  for (const letter of plain) spelled += SPELLINGS.get(letter) ?? letter;
  // NFKD splits a Hangul syllable into its letters; NFC puts the syllable back together.
  return spelled.normalize('NFC');
}

/** Folds one character at a time, so every folded character knows the original character it came from. */
export function fold(original: string): FoldedText {
  let text = '';
  const sources: SourceRange[] = [];
  let start = 0;
  for (const character of original) {
    const folded = foldCharacter(character);
    const source = { start, end: start + character.length };
    text += folded;
    for (let unit = 0; unit < folded.length; unit += 1) sources.push(source);
    start = source.end;
  }
  return { text, sources };
}
