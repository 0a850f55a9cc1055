import { describe, expect, it } from 'vitest';
import { normalizeAnswer } from '../src/domain/answer-matching.js';
import { canonicalNumber } from '../src/domain/judging/numbers.js';

describe('how a run of digits reads as one number', () => {
  it.each([
    ['12,345', '12345'],
    ['1,234.5', '1234.5'],
    ['1234,567', '1234.567'],
    ['10.000.000', '10000000'],
    ['1.234.567,8', '1234567.8'],
    ['12.345,6', '12345.6'],
    ['1.234,56', '1234.56'],
    ['3.05', '3.05'],
    ['2.50', '2.5'],
    ['00', '00'],
  ])('%s is %s', (run, value) => {
    expect(canonicalNumber(run, false)).toBe(value);
  });

  it.each(['1,234.5.6', '1234.567.890', '1.000.000.5', '1234.567,5', '1.234,5.6'])(
    '%s is not one number',
    (run) => {
      expect(canonicalNumber(run, false)).toBeNull();
    },
  );

  it('keeps the sign of a negative number under one, and drops it from zero however it is written', () => {
    expect(canonicalNumber('0.5', true)).toBe('-0.5');
    expect(canonicalNumber('00', true)).toBe('00');
    expect(canonicalNumber('0.0', true)).toBe('0');
  });
});

describe('numbers within an answer', () => {
  it.each([
    ['.55', '0.55'],
    ['-.5 degrees', '-0.5 degrees'],
    // An ordinal runs to the end of its word: what follows a point is a number of its own.
    ['21st.5', '21 st 5'],
  ])('%j normalizes to %j', (answer, normalized) => {
    expect(normalizeAnswer(answer)).toBe(normalized);
  });
});
