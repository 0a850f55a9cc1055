import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMILARITY_THRESHOLD, judgeAnswer } from '../src/domain/answer-matching.js';
import { romanValue } from '../src/domain/judging/numerals.js';

const judge = (given: string, answer: string) =>
  judgeAnswer(given, { answer, alternatives: [] }, { similarityThreshold: DEFAULT_SIMILARITY_THRESHOLD });

describe('Roman numerals', () => {
  it.each([
    ['i', 1],
    ['iv', 4],
    ['vii', 7],
    ['xiv', 14],
    ['xx', 20],
    ['xl', 40],
    ['lxx', 70],
    ['ccc', 300],
    ['d', 500],
    ['mcmxc', 1990],
    ['mdclxvi', 1666],
    ['mmxxiv', 2024],
  ])('%s is %i', (numeral, value) => {
    expect(romanValue(numeral)).toBe(value);
  });

  it.each(['', 'iiii', 'ivi', 'vx', 'ic', 'civil'])('%j is no numeral', (word) => {
    expect(romanValue(word)).toBeNull();
  });

  it.each([
    ['Henry 5', 'Henry V'],
    ['Pius 10', 'Pius X'],
    ['Louis 14', 'Louis XIV'],
  ])('%j is %j', (given, answer) => {
    expect(judge(given, answer).reason).toBe('normalized');
  });

  it('reads C alone as the letter, never as 100', () => {
    expect(judge('Vitamin 100', 'Vitamin C').reason).toBe('wrong');
  });
});

describe('numbers and ordinals written in words', () => {
  it.each([
    ['40', 'forty'],
    ['90', 'ninety'],
    ['30th', 'thirtieth'],
    ['90th', 'ninetieth'],
  ])('%j is %j', (given, answer) => {
    expect(judge(given, answer).reason).toBe('normalized');
  });

  it.each([
    ['twelve', 'eleven', 'Not accepted: "twelve" is not the right number.'],
    ['second', 'first', 'Not accepted: "second" is not the right ordinal.'],
    ['1.2.4', '1.2.3', 'Not accepted: "1.2.4" is not the right word.'],
  ])('names %j for %j as the wrong sort of word it should be', (given, answer, explanation) => {
    expect(judge(given, answer).explanation).toBe(explanation);
  });

  it('never forgives a slip in an ordinal or a numeral written in letters', () => {
    expect(judge('Seventeanth', 'Seventeenth').reason).toBe('wrong');
    expect(judge('mdcclxxy', 'MDCCLXXV').reason).toBe('wrong');
  });
});
