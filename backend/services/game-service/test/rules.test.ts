import { describe, expect, it } from 'vitest';
import {
  expiryFor,
  hasHint,
  hintFor,
  isExpired,
  maxAttempts,
  POINTS_WITH_HINT,
  POINTS_WITHOUT_HINT,
  scoreAttempt,
} from '../src/domain/rules.js';
import { judgeTrueFalse, readTrueFalse } from '../src/domain/true-false.js';

describe('scoring an attempt', () => {
  it.each([
    // kind, attempt number, correct, hint shown -> points, settled, attempts left
    ['free_text', 1, true, false, POINTS_WITHOUT_HINT, true, 0],
    ['free_text', 3, true, false, POINTS_WITHOUT_HINT, true, 0],
    ['free_text', 1, true, true, POINTS_WITH_HINT, true, 0],
    ['free_text', 2, true, true, POINTS_WITH_HINT, true, 0],
    ['free_text', 1, false, false, 0, false, 2],
    ['free_text', 2, false, true, 0, false, 1],
    ['free_text', 3, false, false, 0, true, 0],
    ['true_false', 1, true, false, POINTS_WITHOUT_HINT, true, 0],
    ['true_false', 1, false, false, 0, true, 0],
  ] as const)(
    '%s attempt %i, correct %s, hint %s: %i points, settled %s, %i left',
    (kind, number, correct, hintShown, points, settled, left) => {
      expect(scoreAttempt({ kind, number, correct, hintShown })).toEqual({
        pointsAwarded: points,
        settled,
        attemptsLeft: left,
      });
    },
  );

  it('allows three attempts and a hint for free text, one attempt and no hint for true/false', () => {
    expect([maxAttempts('free_text'), hasHint('free_text')]).toEqual([3, true]);
    expect([maxAttempts('true_false'), hasHint('true_false')]).toEqual([1, false]);
  });
});

describe('the clock', () => {
  const start = new Date('2026-01-01T00:00:00Z');
  it('expires a game exactly at its end, not a millisecond before', () => {
    const end = expiryFor(start, 1800);
    expect(end.toISOString()).toBe('2026-01-01T00:30:00.000Z');
    expect(isExpired(end, new Date(end.getTime() - 1))).toBe(false);
    expect(isExpired(end, end)).toBe(true);
  });
});

describe('hints', () => {
  it.each([
    [null, 'Paris', 'Starts with "P", 5 characters'],
    ['  ', 'Paris', 'Starts with "P", 5 characters'],
    ['The city of light', 'Paris', 'The city of light'],
    [null, 'the Nile river', 'Starts with "T", 3 words of 3, 4, 5 characters'],
    [null, 'Łódź', 'Starts with "Ł", 4 characters'],
  ])('the hint of (%j, %j) is %j', (stored, answer, hint) => {
    expect(hintFor(stored, answer)).toBe(hint);
  });
});

describe('true/false answers', () => {
  it.each([
    ['True', true],
    ['true', true],
    [' T ', true],
    ['yes', true],
    ['False', false],
    ['f', false],
    ['No!', false],
    ['maybe', null],
    ['truth', null],
    ['', null],
  ])('%j reads as %s', (text, value) => {
    expect(readTrueFalse(text)).toBe(value);
  });

  it('judges by truth value and explains it', () => {
    expect(judgeTrueFalse('True', true)).toMatchObject({ correct: true, reason: 'exact' });
    expect(judgeTrueFalse('yes', true)).toMatchObject({ correct: true, reason: 'normalized' });
    expect(judgeTrueFalse('false', true)).toMatchObject({ correct: false, reason: 'wrong' });
    expect(judgeTrueFalse('perhaps', true)).toBeNull();
  });
});
