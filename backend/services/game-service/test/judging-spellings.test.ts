import { describe, expect, it } from 'vitest';
import { normalizeAnswer } from '../src/domain/answer-matching.js';

describe('letters Unicode gives no plain spelling', () => {
  it.each([
    ['Maðr', 'madr'],
    ['Đakovo', 'dakovo'],
    ['Ħamrun', 'hamrun'],
    ['Ŧ', 't'],
    ['ƒiat', 'fiat'],
    ['Þór', 'thor'],
  ])('%s is written %s', (answer, normalized) => {
    expect(normalizeAnswer(answer)).toBe(normalized);
  });

  it.each([
    ['‐40', '-40'],
    ['‒40', '-40'],
    ['–40', '-40'],
    ['−40', '-40'],
  ])('a dash before a number, %s, is its minus sign', (answer, normalized) => {
    expect(normalizeAnswer(answer)).toBe(normalized);
  });
});
