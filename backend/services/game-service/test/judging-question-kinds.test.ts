import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../src/domain/answer-matching.js';
import type { GameQuestion } from '../src/domain/game.js';
import { judgeAttempt } from '../src/domain/judge-attempt.js';
import { judgeTrueFalse } from '../src/domain/true-false.js';

type Question = Pick<GameQuestion, 'kind' | 'answer' | 'alternatives'>;

const judge = (question: Question, given: string) =>
  judgeAttempt(question, given, { similarityThreshold: DEFAULT_SIMILARITY_THRESHOLD });

describe('judging an attempt by the kind of its question', () => {
  it('judges a true/false question by truth value', () => {
    expect(judge({ kind: 'true_false', answer: 'True', alternatives: [] }, 'yes')).toMatchObject({
      correct: true,
      reason: 'normalized',
      matched: 'True',
    });
    expect(judge({ kind: 'true_false', answer: 'True', alternatives: [] }, 'maybe')).toBeNull();
  });

  it('judges a free-text question by its words, alternatives included, even when its answer is "True"', () => {
    expect(judge({ kind: 'free_text', answer: 'True', alternatives: [] }, 'yes')).toMatchObject({
      correct: false,
    });
    expect(judge({ kind: 'free_text', answer: 'Paris', alternatives: ['Lutetia'] }, 'lutetia')).toMatchObject(
      {
        correct: true,
        reason: 'alternative',
      },
    );
  });

  it('judges by words a true/false question whose answer reads as neither', () => {
    expect(judge({ kind: 'true_false', answer: 'Yes and no', alternatives: [] }, 'yes and no')).toMatchObject(
      {
        correct: true,
        reason: 'normalized',
      },
    );
  });
});

describe('explaining a true/false verdict', () => {
  it.each([
    [
      'no',
      false,
      {
        correct: true,
        reason: 'normalized',
        matched: 'False',
        explanation: 'Accepted: "no" reads as "False".',
      },
    ],
    [
      ' True ',
      true,
      { correct: true, reason: 'exact', matched: 'True', explanation: 'Accepted: "True" reads as "True".' },
    ],
    [
      'yes',
      false,
      {
        correct: false,
        reason: 'wrong',
        matched: null,
        explanation: 'Not accepted: the statement is the other way round.',
      },
    ],
  ])('%j when the statement is %s', (given, truth, verdict) => {
    expect(judgeTrueFalse(given, truth)).toEqual({ typo: null, ...verdict });
  });
});
