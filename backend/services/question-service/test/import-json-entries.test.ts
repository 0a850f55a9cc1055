import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/domain/question-rules.js';
import { parseJsonQuestions } from '../src/import/json-parser.js';

const ENTRY = { theme: 'geography', text: 'Capital of France?', answer: 'Paris' };

const parse = (entries: unknown) => parseJsonQuestions(JSON.stringify(entries), 'bank.json');
const refusalOf = (entry: unknown) => parse([entry]).rejected[0]?.excerpt;

describe('a JSON list of questions', () => {
  it('reads an entry, trimming its texts, with no difficulty unless it names one', () => {
    expect(
      parse([{ ...ENTRY, text: '  Capital of France?  ', hint: null, alternatives: null, kind: null }]),
    ).toEqual({
      questions: [
        {
          theme: 'geography',
          text: 'Capital of France?',
          answer: 'Paris',
          alternatives: [],
          hint: null,
          kind: 'free_text',
          reviewReason: null,
          source: { file: 'bank.json', line: 1 },
        },
      ],
      rejected: [],
      warnings: [],
      blocksRead: 1,
      skipped: null,
    });
    expect(parse([ENTRY]).questions[0]).not.toHaveProperty('difficulty');
    expect(parse([{ ...ENTRY, difficulty: 'hard' }]).questions[0]?.difficulty).toBe('hard');
  });

  it('takes a text of exactly the longest length allowed', () => {
    const text = 'x'.repeat(LIMITS.text);
    expect(parse([{ ...ENTRY, text }]).questions[0]?.text).toBe(text);
  });

  it.each([
    ['an entry that is a list', [], 'an entry must be an object'],
    ['an entry that is null', null, 'an entry must be an object'],
    ['an entry that is text', 'Paris', 'an entry must be an object'],
    ['a field that is no text', { ...ENTRY, hint: 42 }, '"hint" must be a string'],
    [
      'a text one character too long',
      { ...ENTRY, text: 'x'.repeat(LIMITS.text + 1) },
      `"text" is longer than ${LIMITS.text} characters`,
    ],
    ['no answer', { theme: 'geography', text: 'Capital of France?' }, '"answer" is required'],
    ['a theme of punctuation', { ...ENTRY, theme: '!!!' }, '"theme" must be letters, digits and dashes'],
    [
      'an unknown difficulty',
      { ...ENTRY, difficulty: 'extreme' },
      '"difficulty" must be easy, medium or hard',
    ],
    [
      'alternatives that are not all text',
      { ...ENTRY, alternatives: ['Lutetia', 7] },
      '"alternatives" must be an array of strings',
    ],
  ])('refuses %s, saying why', (_case, entry, reason) => {
    expect(refusalOf(entry)).toBe(reason);
  });

  it('keeps the stated kind of a free-text question, and the hint of a true/false one only as a warning', () => {
    expect(parse([{ ...ENTRY, kind: 'free_text' }]).questions[0]?.kind).toBe('free_text');
    const statement = { theme: 'nature', text: 'Snakes are deaf.', answer: 'True' };
    expect(parse([statement])).toMatchObject({
      questions: [{ kind: 'true_false', hint: null }],
      warnings: [],
    });
    expect(parse([{ ...statement, hint: 'think of ears' }]).warnings).toEqual([
      {
        file: 'bank.json',
        line: 1,
        message: 'the hint was dropped: a true/false question is played without one',
      },
    ]);
  });

  it('refuses a document that is no JSON with what the parser said, and one that is no list', () => {
    const broken = parseJsonQuestions('[{"theme": ', 'bank.json');
    expect(broken).toMatchObject({ questions: [], warnings: [], blocksRead: 1, skipped: null });
    expect(broken.rejected).toEqual([
      { reason: 'invalid_json', file: 'bank.json', line: 1, excerpt: expect.stringMatching(/JSON/) },
    ]);
    expect(broken.rejected[0]?.excerpt).not.toBe('the document must be a JSON array of questions');
    expect(parse({ questions: [] }).rejected[0]?.excerpt).toBe(
      'the document must be a JSON array of questions',
    );
    expect(parse([])).toEqual({ questions: [], rejected: [], warnings: [], blocksRead: 0, skipped: null });
  });
});
