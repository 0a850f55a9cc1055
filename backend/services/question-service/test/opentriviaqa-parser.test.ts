import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseJsonQuestions } from '../src/import/json-parser.js';
import { parseOpenTriviaQa, themeFromFileName } from '../src/import/opentriviaqa-parser.js';
import type { ParsedQuestion } from '../src/import/parsed-question.js';
import { decodeText, splitLines } from '../src/import/text-decoding.js';

const source = { file: 'sample', theme: 'sample' };
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)),
  );

describe('decodeText', () => {
  it.each([
    ['UTF-8', bytes('caf', [0xc3, 0xa9]), 'café', 'utf-8'],
    ['UTF-8 with a BOM', bytes([0xef, 0xbb, 0xbf], 'ok'), 'ok', 'utf-8'],
    ['Windows-1252 é', bytes('caf', [0xe9]), 'café', 'windows-1252'],
    [
      'Windows-1252 ellipsis and quotes',
      bytes('wait', [0x85], ' ', [0x93], 'hi', [0x94]),
      'wait… “hi”',
      'windows-1252',
    ],
  ])('reads %s', (_name, input, text, encoding) => {
    expect(decodeText(input)).toEqual({ text, encoding });
  });
});

describe('splitLines', () => {
  it.each([
    ['a\nb', ['a', 'b']],
    ['a\r\nb', ['a', 'b']],
    ['a\rb', ['a', 'b']],
    ['a\u0085b', ['a', 'b']],
    ['a\u2028b\u2029c', ['a', 'b', 'c']],
    ['a\r\n\nb', ['a', '', 'b']],
  ])('splits %j', (text, lines) => {
    expect(splitLines(text)).toEqual(lines);
  });
});

describe('parseOpenTriviaQa', () => {
  const parse = (text: string) => parseOpenTriviaQa(text, source);

  it('reads a block with multi-line text and derives a hint from its options', () => {
    const result = parse('#Q Which animal\n  does not hibernate?\n^ Sloth\nA Mouse\nB Sloth\nC Frog\n');
    expect(result.rejected).toEqual([]);
    expect(result.questions).toEqual([
      {
        theme: 'sample',
        text: 'Which animal does not hibernate?',
        answer: 'Sloth',
        alternatives: [],
        hint: 'One of: Mouse, Sloth, Frog',
        kind: 'free_text',
        reviewReason: null,
        source: { file: 'sample', line: 1 },
      },
    ]);
  });

  it('reads a true/false question as kind true_false, with no hint', () => {
    const [question] = parse('#Q Snakes are deaf.\n^ True\nA True\nB False\n').questions;
    expect(question).toMatchObject({ kind: 'true_false', hint: null, reviewReason: null });
  });

  it('flags an answer that needs its options for review, keeping the options in the hint', () => {
    const [question] = parse(
      '#Q What do skunks eat?\n^ All of these\nA Insects\nB All of these\nC Fruit\n',
    ).questions;
    expect(question).toMatchObject({
      kind: 'free_text',
      reviewReason: 'needs_options',
      hint: 'One of: Insects, All of these, Fruit',
    });
  });

  it.each([
    ['missing_answer', '#Q Where is the answer?\nA One\nB Two\n'],
    ['multiple_answers', '#Q Which one?\n^ One\nA One\nB Two\n^ Two\n'],
    ['multiple_answers', '#Q Which one?\n^ One\n^ One\n'],
    ['answer_not_in_options', '#Q Odd one out?\n^ Zinc\nA Tin\nB Lead\n'],
    ['empty_question', '#Q\n^ Something\n'],
    ['empty_answer', '#Q A question?\n^\nA x\n'],
    ['empty_answer', '#Q A question of punctuation?\n^ ?!...\n'],
    ['answer_too_long', `#Q A question?\n^ ${'x'.repeat(201)}\n`],
    ['question_too_long', `#Q ${'x'.repeat(1001)}\n^ answer\n`],
    ['malformed_block', 'stray line before any question\n#Q\n'],
  ])('rejects %s with the line of its block', (reason, text) => {
    const result = parse(text);
    expect(result.questions).toEqual([]);
    expect(result.rejected[0]).toEqual(expect.objectContaining({ reason, file: 'sample', line: 1 }));
  });

  it('rejects a duplicate within a file, ignoring case and spacing', () => {
    const text = '#Q Capital of France?\n^ Paris\n\n#Q capital of  FRANCE?\n^ paris\n';
    const result = parse(text);
    expect(result.questions).toHaveLength(1);
    expect(result.rejected).toEqual([expect.objectContaining({ reason: 'duplicate_in_file', line: 4 })]);
  });

  it('joins a wrapped option to the one before it', () => {
    const result = parse('#Q Which line?\n^ The long one\nA The long\none\n');
    expect(result.rejected).toEqual([]);
  });

  // music:33839 of the data set: "C " used to be glued onto option B, which then no longer matched the answer.
  it.each([
    ['a letter and a space', 'C '],
    ['a letter alone', 'C'],
  ])('reads an option line of %s as an empty option, not glued to the one before', (_name, line) => {
    const result = parse(
      `#Q Which lyrics?\n^ Fall into these arms\nA Bad\nB Fall into these arms\n${line}\nD Someday\n`,
    );
    expect(result.rejected).toEqual([]);
    expect(result.questions[0]?.hint).toBe('One of: Bad, Fall into these arms, Someday');
  });

  // humanities:2660 of the data set: the empty first option used to become an option named "A".
  it('never names an option after its letter', () => {
    const [question] = parse(
      '#Q Zoroastrianism is?\n^ a religion\nA \nB a religion\nC a sacrifice\n',
    ).questions;
    expect(question?.hint).toBe('One of: a religion, a sacrifice');
  });

  it('reads an indented line as a continuation, never as an option or a marker', () => {
    const result = parse(
      '#Q Name the song:\n Hes a Catholic\n^ Universal Soldier\nA Universal Soldier\nB Blowin\n A Jew\n',
    );
    expect(result.rejected).toEqual([]);
    expect(result.questions[0]).toMatchObject({
      text: 'Name the song: Hes a Catholic',
      hint: 'One of: Universal Soldier, Blowin A Jew',
    });
  });

  it('does not take an indented #Q line for the start of a question', () => {
    const result = parse('#Q First?\n^ One\n #Q Second?\n^ Two\n');
    expect(result.rejected).toEqual([expect.objectContaining({ reason: 'multiple_answers', line: 1 })]);
    expect(result.blocksRead).toBe(1);
  });

  it.each([
    ['a licence', 'Attribution-ShareAlike 4.0 International\n\nSection 1 -- Definitions.\n'],
    [
      'a README whose example is indented',
      'Each question is a block:\n\n    #Q the question text\n    ^ the answer\n',
    ],
    ['an empty file', ''],
  ])('skips %s, which has no #Q line, instead of rejecting its lines', (_name, text) => {
    expect(parse(text)).toEqual({
      questions: [],
      rejected: [],
      warnings: [],
      blocksRead: 0,
      skipped: expect.stringMatching(/no line starts with #Q/),
    });
  });
});

describe('parseJsonQuestions', () => {
  const parse = (entries: unknown[]) => parseJsonQuestions(JSON.stringify(entries), 'list.json');
  /** An entry a line, from the second: the list opens on the first. */
  const parseLines = (entries: unknown[]) =>
    parseJsonQuestions(`[\n${entries.map((entry) => JSON.stringify(entry)).join(',\n')}\n]`, 'list.json');

  it('reads valid entries and rejects each invalid one at the line it is on', () => {
    const result = parseLines([
      { theme: 'Geo Graphy', text: 'Capital of Peru?', answer: 'Lima', difficulty: 'easy' },
      { theme: 'geo', text: '', answer: 'x' },
      { theme: 'geo', text: 'Q?', answer: 'x', difficulty: 'extreme' },
      'not an object',
      { theme: 'geo', text: 'Q?', answer: 42 },
    ]);
    expect(result.questions).toEqual([
      {
        theme: 'geo-graphy',
        text: 'Capital of Peru?',
        answer: 'Lima',
        alternatives: [],
        hint: null,
        kind: 'free_text',
        reviewReason: null,
        difficulty: 'easy',
        source: { file: 'list.json', line: 2 },
      },
    ]);
    expect(result.rejected.map(({ reason, line }) => [reason, line])).toEqual([
      ['invalid_entry', 3],
      ['invalid_entry', 4],
      ['invalid_entry', 5],
      ['invalid_entry', 6],
    ]);
  });

  it('reads alternatives and a stated kind', () => {
    const result = parse([
      {
        theme: 'geo',
        text: 'Highest mountain?',
        answer: 'Mount Everest',
        alternatives: [' Everest ', 'Chomolungma'],
      },
      { theme: 'geo', text: 'Is Lima in Peru?', answer: 'True', kind: 'free_text' },
    ]);
    expect(result.rejected).toEqual([]);
    expect(result.questions.map(({ alternatives, kind }) => ({ alternatives, kind }))).toEqual([
      { alternatives: ['Everest', 'Chomolungma'], kind: 'free_text' },
      { alternatives: [], kind: 'free_text' },
    ]);
  });

  it('classifies an entry without a kind: true/false, or needing its options (then flagged for review)', () => {
    const result = parse([
      { theme: 'geo', text: 'Lima is in Peru.', answer: 'true' },
      { theme: 'geo', text: 'Which are in Peru?', answer: 'All of the above', hint: 'Lima, Cusco' },
    ]);
    expect(result.questions.map(({ kind, reviewReason, hint }) => ({ kind, reviewReason, hint }))).toEqual([
      { kind: 'true_false', reviewReason: null, hint: null },
      { kind: 'free_text', reviewReason: 'needs_options', hint: 'Lima, Cusco' },
    ]);
  });

  it('drops the hint of a true/false question with a warning', () => {
    const result = parse([{ theme: 'geo', text: 'Lima is in Peru.', answer: 'True', hint: 'Think south' }]);
    expect(result.questions[0]?.hint).toBeNull();
    expect(result.warnings).toEqual([
      { file: 'list.json', line: 1, message: expect.stringMatching(/hint was dropped/) },
    ]);
  });

  it.each([
    ['alternatives that are not an array', { alternatives: 'Everest' }, /array of strings/],
    ['an alternative that is not a string', { alternatives: [1] }, /array of strings/],
    ['a blank alternative', { alternatives: [' '] }, /needs a letter or a digit/],
    ['an alternative of punctuation alone', { alternatives: ['?!'] }, /needs a letter or a digit/],
    ['an answer of punctuation alone', { answer: '...' }, /"answer" needs a letter or a digit/],
    ['an alternative longer than an answer', { alternatives: ['x'.repeat(201)] }, /at most 200/],
    [
      'more than 20 alternatives',
      { alternatives: Array.from({ length: 21 }, (_, i) => `a${i}`) },
      /at most 20/,
    ],
    ['an alternative that repeats the answer', { alternatives: ['lima'] }, /repeats the answer/],
    ['an unknown kind', { kind: 'multiple_choice' }, /"kind" must be one of free_text, true_false/],
    ['true_false with another answer', { kind: 'true_false' }, /answer True or False/],
  ])('rejects an entry with %s', (_name, extra, message) => {
    const result = parse([{ theme: 'geo', text: 'Capital of Peru?', answer: 'Lima', ...extra }]);
    expect(result.questions).toEqual([]);
    expect(result.rejected).toEqual([
      expect.objectContaining({ reason: 'invalid_entry', line: 1, excerpt: expect.stringMatching(message) }),
    ]);
  });

  it.each(['{not json', '{"a": 1}'])('rejects the document %j as invalid_json', (text) => {
    expect(parseJsonQuestions(text, 'bad.json').rejected).toEqual([
      expect.objectContaining({ reason: 'invalid_json', line: 1 }),
    ]);
  });
});

describe('themeFromFileName', () => {
  it.each([
    ['geography', 'geography'],
    ['Science Technology.txt', 'science-technology'],
    ['/data/religion_faith', 'religion-faith'],
  ])('%s → %s', (name, theme) => {
    expect(themeFromFileName(name)).toBe(theme);
  });

  it('refuses a name that leaves nothing', () => {
    expect(() => themeFromFileName('!!!.txt')).toThrow(/does not give a theme/);
  });
});

describe('the shared OpenTriviaQA data set', () => {
  const directory = fileURLToPath(
    new URL('../../../../../shared/data/opentriviaqa/categories', import.meta.url),
  );

  it('parses every file, losing nothing silently, and classifies every question', () => {
    expect(existsSync(directory), `data set missing at ${directory}`).toBe(true);
    let blocks = 0;
    const questions: ParsedQuestion[] = [];
    const reasons = new Map<string, number>();
    for (const file of readdirSync(directory)) {
      const { text } = decodeText(readFileSync(`${directory}/${file}`));
      const result = parseOpenTriviaQa(text, { file, theme: themeFromFileName(file) });
      blocks += result.blocksRead;
      questions.push(...result.questions);
      for (const { reason } of result.rejected) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    for (const question of questions) {
      expect(question.text).not.toMatch(/[\r\u0080-\u009F\uFFFD]/);
      expect(question.answer).not.toMatch(/[\r\u0080-\u009F\uFFFD]/);
      expect(question.answer.length).toBeGreaterThan(0);
    }
    const rejected = [...reasons.values()].reduce((sum, count) => sum + count, 0);
    expect(questions.length + rejected).toBe(blocks);
    // Only true duplicates and three over-long answers remain: every answer matches one of its options.
    expect(Object.fromEntries(reasons)).toEqual({ duplicate_in_file: 322, answer_too_long: 3 });
    const count = (test: (question: ParsedQuestion) => boolean) => questions.filter(test).length;
    expect(count((question) => question.kind === 'true_false')).toBe(5209);
    expect(count((question) => question.reviewReason === 'needs_options')).toBe(620);
    expect(count((question) => question.kind === 'true_false' && question.hint !== null)).toBe(0);
  });
});
