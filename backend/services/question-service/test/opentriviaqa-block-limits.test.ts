import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/domain/question-rules.js';
import { parseOpenTriviaQa } from '../src/import/opentriviaqa-parser.js';

const parse = (text: string) => parseOpenTriviaQa(text, { file: 'sample', theme: 'sample' });

describe('an OpenTriviaQA block at the limits', () => {
  it('takes a question text and an answer of exactly the longest length allowed', () => {
    const text = 'x'.repeat(LIMITS.text);
    const answer = 'y'.repeat(LIMITS.answer);
    const result = parse(`#Q ${text}\n^ ${answer}\n`);
    expect(result.rejected).toEqual([]);
    expect(result.questions).toMatchObject([{ text, answer }]);
  });

  it('finds the answer among its options whatever their case', () => {
    const result = parse('#Q Capital of France?\n^ paris\nA PARIS\nB Rome\n');
    expect(result.rejected).toEqual([]);
    expect(result.questions).toMatchObject([{ answer: 'paris', hint: 'One of: PARIS, Rome' }]);
  });
});
