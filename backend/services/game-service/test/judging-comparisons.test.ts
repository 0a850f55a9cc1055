import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMILARITY_THRESHOLD, judgeAnswer } from '../src/domain/answer-matching.js';

const judge = (given: string, answer: string, alternatives: readonly string[] = [], threshold?: number) =>
  judgeAnswer(
    given,
    { answer, alternatives },
    { similarityThreshold: threshold ?? DEFAULT_SIMILARITY_THRESHOLD },
  );

describe('comparing answers word by word', () => {
  it('forgives a slip in each of two words set apart by a number', () => {
    expect(judge("Bethoven's 9th Symphoy", "Beethoven's 9th Symphony").reason).toBe('typo');
  });

  it('forgives a slip in words written apart that the answer writes as one, before a number', () => {
    expect(judge('Spidr Man 3', 'Spiderman 3').reason).toBe('typo');
  });

  it('forgives a slip in words written apart after words both answers share, a number among them', () => {
    expect(judge('Apollo 13 Spidr Man', 'Apollo 13 Spiderman').reason).toBe('typo');
  });

  it('closes up a space after letters, even in a code with digits, but never between two numbers', () => {
    expect(judge('R2D 2', 'R2D2').reason).toBe('normalized');
    expect(judge('1 2 3 4', '12 34').reason).toBe('wrong');
  });

  it('does not count a leading article both share as a right word', () => {
    expect(judge('The Black Keys', 'The White Stripes').explanation).toBe(
      'Not accepted: that is not the answer.',
    );
  });

  it('compares a digit of another script as written: one off is the wrong word, not the wrong letter', () => {
    expect(judge('٤', '٣').explanation).toBe('Not accepted: "٤" is not the right word.');
  });

  it('reads a leading article as part of a name written as one word, on either side', () => {
    expect(judge('A-ha', 'Aha').reason).toBe('normalized');
    expect(judge('Aha', 'A-ha').reason).toBe('normalized');
  });

  it('explains a refusal against the closest accepted answer', () => {
    expect(judge('Jack F Kennedy', 'John Fitzgerald Kennedy', ['John F Kennedy']).explanation).toBe(
      'Not accepted: "Jack" is not the right word.',
    );
  });

  it('compares exactly when either answer is longer than 200 characters, normalized', () => {
    const words = (count: number, word: string) => Array.from({ length: count }, () => word);
    const answer = words(19, 'elephants').join(' ');
    const slips = (count: number) =>
      [...words(count, 'elephantss'), ...words(19 - count, 'elephants')].join(' ');
    expect(slips(11)).toHaveLength(200);
    expect(judge(slips(11), answer).reason).toBe('typo');
    expect(judge(slips(12), answer).reason).toBe('wrong');
  });
});

describe('the accepted answers as stored', () => {
  it('refuses any answer to a question whose accepted answers hold nothing to compare', () => {
    expect(judge('Paris', '?!', ['...'])).toMatchObject({
      correct: false,
      explanation: 'Not accepted: that is not the answer.',
    });
  });

  it('reads the answer and an alternative without the spaces around them', () => {
    expect(judge('Paris', ' Paris ').reason).toBe('exact');
    expect(judge(' paris ', ' Paris ').explanation).toBe('Accepted: "paris" is "Paris" written differently.');
    expect(judge(' everest ', 'Mount Everest', [' Everest ']).explanation).toBe(
      'Accepted: "everest" matches "Everest", one of the accepted answers.',
    );
  });

  it('names the threshold it refuses', () => {
    expect(() => judge('a', 'b', [], 1.5)).toThrow('the similarity threshold must be in (0, 1], got 1.5');
  });
});
