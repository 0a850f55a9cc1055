import { describe, expect, it } from 'vitest';
import { hintFor } from '../src/domain/rules.js';

describe('the hint drawn from the shape of the answer', () => {
  it.each([
    ['  Paris ', 'Starts with "P", 5 characters'],
    ['New  York', 'Starts with "N", 2 words of 3, 4 characters'],
    [' the Nile ', 'Starts with "T", 2 words of 3, 4 characters'],
    ['', 'Starts with "", 0 characters'],
  ])('of %j is %j, whatever the spaces around and between its words', (answer, hint) => {
    expect(hintFor(null, answer)).toBe(hint);
  });
});
