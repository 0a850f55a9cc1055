import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIMILARITY_THRESHOLD,
  isAnswerCorrect,
  isBlankAnswer,
  normalizeAnswer,
  similarity,
} from '../src/domain/answer-matching.js';

const options = { similarityThreshold: DEFAULT_SIMILARITY_THRESHOLD };

describe('normalizeAnswer', () => {
  it.each([
    ['  PARIS ', 'paris'],
    ['Pàris', 'paris'],
    ['Beyoncé', 'beyonce'],
    ['The Beatles', 'beatles'],
    ['A Tribe Called Quest', 'tribe called quest'],
    ['an apple', 'apple'],
    ['A', 'a'],
    ['The', 'the'],
    ['Theodore', 'theodore'],
    ["Guns N' Roses", 'guns n roses'],
    ['Simon & Garfunkel', 'simon and garfunkel'],
    ['rock-and-roll!!', 'rock and roll'],
    ['New   York', 'new york'],
    ['Москва', 'москва'],
    ['東京', '東京'],
    ['15%', '15'],
    ['ﬁsh', 'fish'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const text of ['The Beatles', 'Pàris.', "Guns N' Roses", 'A', 'Simon & Garfunkel']) {
      expect(normalizeAnswer(normalizeAnswer(text))).toBe(normalizeAnswer(text));
    }
  });
});

describe('isAnswerCorrect', () => {
  it.each([
    ['paris', 'Paris', true],
    [' PARIS ', 'Paris', true],
    ['Pàris', 'Paris', true],
    ['Paris.', 'Paris', true],
    ['Pariss', 'Paris', false],
    ['House', 'Mouse', false],
    ['Amsterdm', 'Amsterdam', true],
    ['Parish Council', 'Paris', false],
    ['London', 'Paris', false],
    ['beatles', 'The Beatles', true],
    ['the beatels', 'The Beatles', true],
    ['a beatles', 'The Beatles', true],
    ['Slot', 'Sloth', false],
    ['sloth', 'Sloth', true],
    ['1968', '1969', false],
    ['1969', '1969', true],
    ['15 %', '15%', true],
    ['16%', '15%', false],
    ['guns n roses', "Guns N' Roses", true],
    ['simon and garfunkel', 'Simon & Garfunkel', true],
    ['beyonce', 'Beyoncé', true],
    ['москва', 'Москва', true],
    ['Au', 'Au', true],
    ['Ag', 'Au', false],
    ['cat', 'Cat', true],
    ['car', 'cat', false],
    ['Mississipi', 'Mississippi', true],
    ['Missisippi', 'Mississippi', true],
    ['Leonardo da Vinci', 'Leonardo da Vinci', true],
    ['Leonrado da Vinci', 'Leonardo da Vinci', true],
    ['Vinci', 'Leonardo da Vinci', false],
    ['carbon dioxide', 'Carbon dioxide', true],
    ['carbon monoxide', 'Carbon dioxide', false],
    ['', 'Paris', false],
    ['   ', 'Paris', false],
    ['!!!', 'Paris', false],
  ])('%j against %j → %s', (given, expected, correct) => {
    expect(isAnswerCorrect(given, expected, options)).toBe(correct);
  });

  it('compares very long answers exactly instead of measuring edits', () => {
    const long = 'a'.repeat(300);
    expect(isAnswerCorrect(long, long, options)).toBe(true);
    expect(isAnswerCorrect(`${long}b`, long, options)).toBe(false);
  });

  it('follows the configured threshold', () => {
    expect(isAnswerCorrect('Pariss', 'Paris', { similarityThreshold: 0.8 })).toBe(true);
    expect(isAnswerCorrect('Amsterdm', 'Amsterdam', { similarityThreshold: 1 })).toBe(false);
    expect(isAnswerCorrect('Parsi', 'Paris', { similarityThreshold: 0.5 })).toBe(true);
  });

  it.each([0, -0.1, 1.5, Number.NaN])('refuses the threshold %s', (similarityThreshold) => {
    expect(() => isAnswerCorrect('a', 'b', { similarityThreshold })).toThrow(RangeError);
  });
});

describe('similarity', () => {
  it.each([
    ['paris', 'paris', 1],
    ['paris', 'pairs', 0.8],
    ['', '', 1],
    ['abc', '', 0],
  ])('%j vs %j = %s', (a, b, expected) => {
    expect(similarity(a, b)).toBeCloseTo(expected);
    expect(similarity(b, a)).toBeCloseTo(expected);
  });
});

describe('isBlankAnswer', () => {
  it.each([
    ['', true],
    ['   ', true],
    ['?!', true],
    ['a', false],
    ['0', false],
  ])('%j → %s', (text, blank) => {
    expect(isBlankAnswer(text)).toBe(blank);
  });
});
