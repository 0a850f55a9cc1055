import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/domain/question-rules.js';
import { parseOpenTriviaQa, themeFromFileName } from '../src/import/opentriviaqa-parser.js';
import { excerptOf } from '../src/import/parsed-question.js';

const parse = (text: string) => parseOpenTriviaQa(text, { file: 'sample', theme: 'sample' });

describe('the lines of an OpenTriviaQA block', () => {
  it('reads markers written without a space after them', () => {
    expect(parse('#QCapital of France?\n^Paris\n').questions).toMatchObject([
      { text: 'Capital of France?', answer: 'Paris' },
    ]);
  });

  it('joins the lines of a question with one space, and trims the whole', () => {
    expect(parse('#Q   Which animal\ndoes not hibernate?   \n^ Sloth\n').questions).toMatchObject([
      { text: 'Which animal does not hibernate?' },
    ]);
  });

  it('reads an option with spaces around it as the option, and a single option as no hint', () => {
    expect(parse('#Q Capital of France?\n^ Paris\nA   Paris  \nB Rome\n').questions).toMatchObject([
      { hint: 'One of: Paris, Rome' },
    ]);
    expect(parse('#Q Capital of France?\n^ Paris\nA Paris\n').questions).toMatchObject([{ hint: null }]);
  });

  it('continues a wrapped option on a line that starts with a capital, and drops the spaces it ended with', () => {
    const result = parse(
      '#Q Which dessert?\n^ Banana split Sundae\nA Cherry pie\nB Banana split   \nSundae\n',
    );
    expect(result.rejected).toEqual([]);
    expect(result.questions[0]?.hint).toBe('One of: Cherry pie, Banana split Sundae');
  });

  it('skips a line of spaces before the first block, and counts each stray line as a block read', () => {
    expect(parse('   \n#Q Capital of France?\n^ Paris\n')).toMatchObject({ rejected: [], blocksRead: 1 });
    expect(parse('stray\nalso stray\n#Q Capital of France?\n^ Paris\n').blocksRead).toBe(3);
  });

  it('quotes the text of a rejected block, or its answer when it has no text', () => {
    expect(parse('#Q\n^ Something\n').rejected[0]).toMatchObject({
      reason: 'empty_question',
      excerpt: 'Something',
    });
    expect(parse('#Q Where is the answer?\n').rejected[0]).toMatchObject({
      reason: 'missing_answer',
      excerpt: 'Where is the answer?',
    });
  });
});

describe('excerpts in reports', () => {
  it('flatten spaces and keep 80 characters, or 77 and an ellipsis', () => {
    expect(excerptOf('  a \n\t b  ')).toBe('a b');
    expect(excerptOf('x'.repeat(80))).toBe('x'.repeat(80));
    expect(excerptOf(`${'x'.repeat(78)} yz`)).toBe(`${'x'.repeat(77)}...`);
  });
});

describe('the theme a file name gives', () => {
  it.each([
    ['world.history.txt', 'worldhistory'],
    ['Science  Technology', 'science-technology'],
    ['__history', 'history'],
    ['-- history', 'history'],
    [`${'a'.repeat(LIMITS.theme)}b.txt`, 'a'.repeat(LIMITS.theme)],
  ])('%s → %s', (name, theme) => {
    expect(themeFromFileName(name)).toBe(theme);
  });
});
