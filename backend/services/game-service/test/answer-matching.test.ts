import { describe, expect, it } from 'vitest';
import { isBlankAnswer, normalizeAnswer } from '../src/domain/answer-matching.js';

describe('normalizeAnswer', () => {
  it.each([
    ['  PARIS ', 'paris'],
    ['Pàris', 'paris'],
    ['Beyoncé', 'beyonce'],
    ['Łódź', 'lodz'],
    ['Straße', 'strasse'],
    ['Æsop', 'aesop'],
    ['Œuvre', 'oeuvre'],
    ['Øresund', 'oresund'],
    ['Þór', 'thor'],
    ['Đoković', 'dokovic'],
    ['ıstanbul', 'istanbul'],
    ['İstanbul', 'istanbul'],
    ['ΟΔΟΣ', 'οδοσ'],
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
    ['서울', '서울'],
    ['15%', '15'],
    ['ﬁsh', 'fish'],
    ['Ⅷ', 'viii'],
    ['Catch-22', 'catch 22'],
    ['1939-1945', '1939 1945'],
    ['-40', '-40'],
    ['−40', '-40'],
    ['(-40)', '-40'],
    ['-0', '0'],
    ['1,000', '1000'],
    ['1,000,000', '1000000'],
    ['1.000.000', '1000000'],
    ['1,234.50', '1234.5'],
    ['1.234,5', '1234.5'],
    ['3,14', '3.14'],
    ['1.000', '1'],
    ['3.0', '3'],
    ['.5', '0.5'],
    ['007', '007'],
    ['1.2.3', '1.2.3'],
    ['1 000', '1 000'],
    ['21st', '21st'],
    ['100m', '100 m'],
    ['B-52', 'b 52'],
    ['r2d2', 'r2d2'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const text of [
      'The Beatles',
      'Pàris.',
      "Guns N' Roses",
      'A',
      'Simon & Garfunkel',
      '−1,234.50',
      'Łódź',
    ]) {
      expect(normalizeAnswer(normalizeAnswer(text))).toBe(normalizeAnswer(text));
    }
  });
});

describe('isBlankAnswer', () => {
  it.each([
    ['', true],
    ['   ', true],
    ['?!', true],
    ['🍎', true],
    ['a', false],
    ['0', false],
    ['the', false],
  ])('%j → %s', (text, blank) => {
    expect(isBlankAnswer(text)).toBe(blank);
  });
});
