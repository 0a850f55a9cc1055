import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMILARITY_THRESHOLD, judgeAnswer } from '../src/domain/answer-matching.js';
import { isTypo } from '../src/domain/judging/typos.js';

/** The fewest edits `isTypo` forgives `given` for, found by lowering the threshold one edit at a time. */
function editsBetween(expected: string, given: string): number | null {
  const length = Math.max([...expected].length, [...given].length);
  for (let edits = 0; edits < length; edits += 1) {
    if (isTypo(expected, given, 1 - edits / length)) return edits;
  }
  return null;
}

const judge = (given: string, answer: string) =>
  judgeAnswer(given, { answer, alternatives: [] }, { similarityThreshold: DEFAULT_SIMILARITY_THRESHOLD });

describe('counting the slips between two words', () => {
  it.each([
    ['beatles', 'beatels', 1],
    ['copenhagen', 'copenhgaen', 1],
    ['copenhagen', 'kopenhaegn', 2],
    ['mercury', 'mvecury', 2],
    ['mercury', 'mrvcury', 2],
    ['copenhagen', 'hagen', 5],
    ['copenhagen', 'copenhage', 1],
  ])('%s and %s are %i edits apart', (expected, given, edits) => {
    expect(editsBetween(expected, given)).toBe(edits);
  });

  it('measures the allowance on the longer word: one slip in seven letters, though the answer has six', () => {
    expect(judge('Beatle', 'The Beatles').reason).toBe('typo');
    expect(judge('Hagen', 'Copenhagen').reason).toBe('wrong');
  });
});

describe('typos across the alphabets that separate words with spaces', () => {
  const words: readonly (readonly [
    alphabet: string,
    answer: string,
    slip: string,
    foreignFirst: string,
    foreignLast: string,
  ])[] = [
    ['Latin', 'Amsterdam', 'Amsterdm', 'Аmsterdam', 'Amsterdaм'],
    ['Greek', 'Θεσσαλονικη', 'Θεσαλονικη', 'Tεσσαλονικη', 'Θεσσαλονικn'],
    ['Cyrillic', 'Владивосток', 'Владивасток', 'Bладивосток', 'Владивостоk'],
    ['Armenian', 'Հայաստան', 'Հայաստանն', 'aայաստան', 'Հայաստաn'],
    ['Georgian', 'თბილისი', 'თბილისსი', 'aბილისი', 'თბილისa'],
  ];

  it.each(words)('forgives a slip in a %s word', (_alphabet, answer, slip) => {
    expect(judge(slip, answer).reason).toBe('typo');
  });

  it.each(words)(
    'never forgives a letter of another alphabet in a %s word, first or last',
    (_alphabet, answer, _slip, foreignFirst, foreignLast) => {
      expect(judge(foreignFirst, answer).reason).toBe('wrong');
      expect(judge(foreignLast, answer).reason).toBe('wrong');
    },
  );
});
