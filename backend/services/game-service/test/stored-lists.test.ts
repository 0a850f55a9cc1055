import { describe, expect, it } from 'vitest';
import { decodeAlternatives, decodeQuestionKinds, encodeQuestionKinds } from '../src/data/stored-lists.js';

describe('lists stored in one column', () => {
  it('read back what was written', () => {
    expect(decodeQuestionKinds(encodeQuestionKinds(['free_text', 'true_false']))).toEqual([
      'free_text',
      'true_false',
    ]);
    expect(decodeAlternatives('["Everest","Chomolungma"]')).toEqual(['Everest', 'Chomolungma']);
  });

  it('fail loudly on a kind the game does not know, even beside one it does', () => {
    expect(() => decodeQuestionKinds('free_text,quiz')).toThrow(
      'game_sessions.question_kinds holds "free_text,quiz", not a list of question kinds',
    );
  });

  it.each(['{"a":1}', '["Everest",7]', 'null'])('fail loudly on alternatives stored as %s', (stored) => {
    expect(() => decodeAlternatives(stored)).toThrow(
      'game_questions.alternatives does not hold a JSON list of strings',
    );
  });
});
