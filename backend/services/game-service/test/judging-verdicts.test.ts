import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMILARITY_THRESHOLD, judgeAnswer, VERDICT_REASONS } from '../src/domain/answer-matching.js';

function judge(
  given: string,
  answer: string,
  alternatives: readonly string[] = [],
  similarityThreshold = DEFAULT_SIMILARITY_THRESHOLD,
) {
  return judgeAnswer(given, { answer, alternatives }, { similarityThreshold });
}

describe('verdicts', () => {
  it('lists its reasons as stable strings', () => {
    expect(VERDICT_REASONS).toEqual(['exact', 'normalized', 'typo', 'alternative', 'wrong']);
  });

  it('says an answer identical once trimmed is exact', () => {
    expect(judge(' Paris ', 'Paris')).toEqual({
      correct: true,
      reason: 'exact',
      matched: 'Paris',
      typo: null,
      explanation: 'Accepted: "Paris" is exactly right.',
    });
  });

  it('says an answer equal once normalized is normalized', () => {
    expect(judge('lodz', 'Łódź')).toEqual({
      correct: true,
      reason: 'normalized',
      matched: 'Łódź',
      typo: null,
      explanation: 'Accepted: "lodz" is "Łódź" written differently.',
    });
  });

  it('names the word it forgave as a typo, as each side wrote it', () => {
    expect(judge('The Beatels', 'The Beatles')).toEqual({
      correct: true,
      reason: 'typo',
      matched: 'The Beatles',
      typo: { expected: 'Beatles', given: 'Beatels' },
      explanation: 'Accepted: "Beatels" is taken as a typo of "Beatles".',
    });
  });

  it('spans every word it forgave', () => {
    expect(judge('Leonrado da Vinic', 'Leonardo da Vinci').typo).toEqual({
      expected: 'Leonardo da Vinci',
      given: 'Leonrado da Vinic',
    });
  });

  it('quotes a closed-up word forgiven as a typo', () => {
    expect(judge('Spidermann', 'Spider-Man').typo).toEqual({ expected: 'Spider-Man', given: 'Spidermann' });
  });

  it('says which alternative an answer matched', () => {
    expect(judge('everest', 'Mount Everest', ['Everest', 'Sagarmatha'])).toEqual({
      correct: true,
      reason: 'alternative',
      matched: 'Everest',
      typo: null,
      explanation: 'Accepted: "everest" matches "Everest", one of the accepted answers.',
    });
  });

  it('gives the alternative as matched when it forgave a typo in it', () => {
    expect(judge('Sagarmata', 'Mount Everest', ['Everest', 'Sagarmatha'])).toEqual({
      correct: true,
      reason: 'typo',
      matched: 'Sagarmatha',
      typo: { expected: 'Sagarmatha', given: 'Sagarmata' },
      explanation: 'Accepted: "Sagarmata" is taken as a typo of "Sagarmatha".',
    });
  });

  it('prefers an alternative matched exactly to the answer matched with a typo', () => {
    expect(judge('tchaikovski', 'Tchaikovsky', ['Tchaikovski'])).toMatchObject({
      reason: 'alternative',
      matched: 'Tchaikovski',
    });
  });

  it('prefers the main answer when it and an alternative both match with a typo', () => {
    expect(judge('Dostoevskyy', 'Dostoevsky', ['Dostoevskiy'])).toMatchObject({
      reason: 'typo',
      matched: 'Dostoevsky',
    });
  });

  it('skips alternatives with nothing to compare', () => {
    expect(judge('Paris', 'Lutetia', ['!!!', 'Paris']).reason).toBe('alternative');
  });

  it('refuses a wrong answer without matching anything', () => {
    expect(judge('London', 'Paris')).toEqual({
      correct: false,
      reason: 'wrong',
      matched: null,
      typo: null,
      explanation: 'Not accepted: "London" is not the right word.',
    });
  });
});

describe('explanations of a refusal', () => {
  it.each([
    ['Boeing 737', 'Boeing 747', 'Not accepted: "737" is not the right number.'],
    ['Catch-23', 'Catch-22', 'Not accepted: "23" is not the right number.'],
    ['40', '−40', 'Not accepted: "40" is not the right number.'],
    ['Henry VII', 'Henry VIII', 'Not accepted: "VII" is not the right number.'],
    ['Vitamin A', 'Vitamin C', 'Not accepted: "A" is not the right letter.'],
    ['21st', '22nd', 'Not accepted: "21st" is not the right ordinal.'],
    ['Austria', 'Australia', 'Not accepted: "Austria" is not the right word.'],
    ['MP4', 'MP3', 'Not accepted: "MP4" is not the right word.'],
    ['World War 2', 'World War I', 'Not accepted: "2" is not right.'],
    ['Zebra Boeing 737', 'Boeing Boeing 747', 'Not accepted: 2 of the 3 words are not right.'],
    ['New Jersey', 'Old York', 'Not accepted: that is not the answer.'],
    ['Parish Council', 'Paris', 'Not accepted: that is not the answer.'],
    ['!?', 'Paris', 'Not accepted: there are no letters or digits to judge.'],
  ])('%j for %j: %j', (given, answer, explanation) => {
    expect(judge(given, answer).explanation).toBe(explanation);
  });

  it.each([
    ['Apollo 13', 'Apollo 11', []],
    ['Boeing 737', 'Boeing 747', []],
    ['Catch-23', 'Catch-22', []],
    ['Henry VII', 'Henry VIII', []],
    ['Louis XVI', 'Louis XIV', []],
    ['Vitamin A', 'Vitamin C', []],
    ['Type 2 diabetes', 'Type 1 diabetes', []],
    ['40', '-40', []],
    ['Austria', 'Australia', []],
    ['Iran', 'Iraq', []],
    ['Mt Everest', 'Mount Everest', ['Everest', 'Sagarmatha']],
    ['Kilimanjaro', 'Mount Everest', ['Everest', 'Sagarmatha']],
    ['Rocky II', 'Rocky III', ['Rocky 3']],
  ])('never gives away the answer: %j for %j', (given, answer, alternatives) => {
    const { correct, explanation } = judge(given, answer, alternatives);
    expect(correct).toBe(false);
    const revealing = [answer, ...alternatives].map((text) => text.toLowerCase());
    for (const text of revealing) expect(explanation.toLowerCase()).not.toContain(text);
    expect(explanation).not.toMatch(/747|22|VIII|XIV|\bC\b|\b1\b|Australia|Iraq|Mount|Sagarmatha|III/);
  });
});

describe('the similarity threshold', () => {
  it('accepts a similarity exactly at the threshold and refuses one just below it', () => {
    // One edit in eight letters: similarity 0.875.
    expect(judge('Elephent', 'Elephant', [], 0.875).reason).toBe('typo');
    expect(judge('Elephent', 'Elephant', [], 0.876).reason).toBe('wrong');
  });

  it('forgives three slips in twenty letters at the default 0.85, not four, nor three in nineteen', () => {
    const twenty = 'abcdefghijklmnopqrst';
    expect(judge('xyzdefghijklmnopqrst', twenty).reason).toBe('typo');
    expect(judge('wxyzefghijklmnopqrst', twenty).reason).toBe('wrong');
    expect(judge('xyzdefghijklmnopqrs', 'abcdefghijklmnopqrs').reason).toBe('wrong');
  });

  it('reaches the threshold where floating point rounds the similarity a hair below it', () => {
    // 1 - 8/25 is 0.6799999999999999 in floating point.
    const word = 'abcdefghijklmnopqrstuvwxy';
    expect(judge('zzzzzzzzijklmnopqrstuvwxy', word, [], 0.68).reason).toBe('typo');
  });

  it('forgives nothing at 1', () => {
    expect(judge('Amsterdm', 'Amsterdam', [], 1).reason).toBe('wrong');
  });

  it('lets a lower threshold forgive more in ordinary words of five letters or more', () => {
    expect(judge('Pariss', 'Paris', [], 0.8).reason).toBe('typo');
    expect(judge('Parsi', 'Paris', [], 0.5).reason).toBe('typo');
  });

  it('treats words made of Roman numeral letters that are no numeral as ordinary words', () => {
    expect(judge('civic', 'civil', [], 0.8).reason).toBe('typo');
    expect(judge('vivid', 'livid', [], 0.8).reason).toBe('typo');
  });

  it.each([
    ['123457', '123456'],
    ['Louis XIV', 'Louis XVI'],
    ['Vitamin A', 'Vitamin C'],
    ['Iran', 'Iraq'],
    ['2nd', '3rd'],
    ['covid-20', 'COVID19'],
    ['seventeen', 'seventeeen'],
  ])('never forgives a slip in %j for %j, however low the threshold', (given, answer) => {
    expect(judge(given, answer, [], 0.01).reason).toBe('wrong');
  });

  it.each([0, -0.1, 1.5, Number.NaN])('refuses the threshold %s', (similarityThreshold) => {
    expect(() => judge('a', 'b', [], similarityThreshold)).toThrow(RangeError);
  });
});

describe('long answers', () => {
  const longAnswer = (last: string) => [...Array.from({ length: 22 }, () => 'elephant'), last].join(' ');

  it('forgives a typo in an answer of 200 characters, normalized, and compares longer ones exactly', () => {
    const twoHundred = longAnswer('ab');
    expect(twoHundred).toHaveLength(200);
    expect(judge(twoHundred.replace('elephant', 'elephent'), twoHundred).reason).toBe('typo');
    const twoHundredOne = longAnswer('abc');
    expect(judge(twoHundredOne.replace('elephant', 'elephent'), twoHundredOne).reason).toBe('wrong');
    expect(judge(twoHundredOne, twoHundredOne).reason).toBe('exact');
    expect(judge(twoHundredOne.toUpperCase(), twoHundredOne).reason).toBe('normalized');
  });

  it('never measures edits between huge answers', () => {
    const huge = 'a'.repeat(20_000);
    expect(judge(`${huge}b`, `${huge}c`).reason).toBe('wrong');
  });
});
