import { describe, expect, it } from 'vitest';
import { kindOf, needsOptions } from '../src/domain/question-kinds.js';

describe('kindOf', () => {
  it.each([
    ['True', ['True', 'False'], 'true_false'],
    ['false', ['FALSE', 'true'], 'true_false'],
    [' True ', [], 'true_false'],
    ['False', undefined, 'true_false'],
    ['True', ['True', 'False', 'Sometimes'], 'free_text'],
    ['Truman', ['Truman', 'Ford'], 'free_text'],
    ['Yes', ['Yes', 'No'], 'true_false'],
    ['no', ['YES', 'no'], 'true_false'],
    ['Yes', [], 'true_false'],
    ['Yes', ['True', 'False'], 'free_text'],
    ['True', ['Yes', 'No'], 'free_text'],
    ['Yes', ['Yes', 'No', 'Maybe'], 'free_text'],
    ['Paris', undefined, 'free_text'],
  ] as const)('%j with options %j is %s', (answer, options, kind) => {
    expect(kindOf(answer, options)).toBe(kind);
  });
});

describe('needsOptions', () => {
  // Every one of these is an answer of the OpenTriviaQA set (or the examples of the families).
  it.each([
    'All of these',
    'all of these',
    'None of these.',
    'None of the these',
    'All of the these',
    'All of the Above',
    'None of the above',
    'Both',
    'Neither',
    'Both of These',
    'Both of them',
    'None of them',
    'All of this',
    'In neither of them',
    'All of these reasons',
    'It could be any or all of these.',
    'He was in all of these bands',
    'None of these. All 6 have been found.',
    'There are no incorrect statements.  All of these are true.',
    'They are all true.',
    'They all are',
    'These are all synonyms of the word reticent.',
    'All statements are in fact true.',
    'All of the answers are correct',
    'All of them are correctly matched.',
    'All of them have accomplished this feat.',
    'A and C',
    'B and D',
    'A, B and C',
    'A & C',
    'Both A and B',
  ])('%j needs its options', (answer) => {
    expect(needsOptions(answer)).toBe(true);
  });

  it.each([
    'Both Sides Now',
    'Both of them die.',
    'Both wave and particles',
    'None',
    'All',
    'None of them made it to the Top 100 list.',
    'All of them received the Nobel Prize in Literature.',
    'One of These Days',
    'All These Things That Ive Done',
    'All Quiet on the Western Front',
    'E, A, B',
    'C',
    'A&E',
    'Each of them works as a TV/film director or producer.',
    'They all are produced by one and the same company.',
    'True',
  ])('%j stands on its own', (answer) => {
    expect(needsOptions(answer)).toBe(false);
  });
});
