import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseJsonQuestions } from '../src/import/json-parser.js';
import { parseOpenTriviaQa, themeFromFileName } from '../src/import/opentriviaqa-parser.js';
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
  it('reads a block with multi-line text and derives a hint from its options', () => {
    const result = parseOpenTriviaQa(
      '#Q Which animal\n  does not hibernate?\n^ Sloth\nA Mouse\nB Sloth\nC Frog\n',
      source,
    );
    expect(result.rejected).toEqual([]);
    expect(result.questions).toEqual([
      {
        theme: 'sample',
        text: 'Which animal does not hibernate?',
        answer: 'Sloth',
        hint: 'One of: Mouse, Sloth, Frog',
        source: { file: 'sample', line: 1 },
      },
    ]);
  });

  it('gives no hint for a true/false question', () => {
    const [question] = parseOpenTriviaQa('#Q Snakes are deaf.\n^ True\nA True\nB False\n', source).questions;
    expect(question?.hint).toBeNull();
  });

  it.each([
    ['missing_answer', '#Q Where is the answer?\nA One\nB Two\n'],
    ['answer_not_in_options', '#Q Odd one out?\n^ Zinc\nA Tin\nB Lead\n'],
    ['empty_question', '#Q\n^ Something\n'],
    ['empty_answer', '#Q A question?\n^\nA x\n'],
    ['answer_too_long', `#Q A question?\n^ ${'x'.repeat(201)}\n`],
    ['question_too_long', `#Q ${'x'.repeat(1001)}\n^ answer\n`],
    ['malformed_block', 'stray line before any question\n'],
  ])('rejects %s with the line of its block', (reason, text) => {
    const result = parseOpenTriviaQa(text, source);
    expect(result.questions).toEqual([]);
    expect(result.rejected).toEqual([expect.objectContaining({ reason, file: 'sample', line: 1 })]);
    expect(result.blocksRead).toBe(1);
  });

  it('rejects a duplicate within a file, ignoring case and spacing', () => {
    const text = '#Q Capital of France?\n^ Paris\n\n#Q capital of  FRANCE?\n^ paris\n';
    const result = parseOpenTriviaQa(text, source);
    expect(result.questions).toHaveLength(1);
    expect(result.rejected).toEqual([expect.objectContaining({ reason: 'duplicate_in_file', line: 4 })]);
  });

  it('joins a wrapped option to the one before it', () => {
    const result = parseOpenTriviaQa('#Q Which line?\n^ The long one\nA The long\none\n', source);
    expect(result.rejected).toEqual([]);
  });
});

describe('parseJsonQuestions', () => {
  it('reads valid entries and rejects each invalid one by position', () => {
    const text = JSON.stringify([
      { theme: 'Geo Graphy', text: 'Capital of Peru?', answer: 'Lima', difficulty: 'easy' },
      { theme: 'geo', text: '', answer: 'x' },
      { theme: 'geo', text: 'Q?', answer: 'x', difficulty: 'extreme' },
      'not an object',
      { theme: 'geo', text: 'Q?', answer: 42 },
    ]);
    const result = parseJsonQuestions(text, 'list.json');
    expect(result.questions).toEqual([
      {
        theme: 'geo-graphy',
        text: 'Capital of Peru?',
        answer: 'Lima',
        hint: null,
        difficulty: 'easy',
        source: { file: 'list.json', line: 1 },
      },
    ]);
    expect(result.rejected.map(({ reason, line }) => [reason, line])).toEqual([
      ['invalid_entry', 2],
      ['invalid_entry', 3],
      ['invalid_entry', 4],
      ['invalid_entry', 5],
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

  it('parses every file, losing nothing silently', () => {
    expect(existsSync(directory), `data set missing at ${directory}`).toBe(true);
    let blocks = 0;
    let questions = 0;
    let rejected = 0;
    for (const file of readdirSync(directory)) {
      const { text } = decodeText(readFileSync(`${directory}/${file}`));
      const result = parseOpenTriviaQa(text, { file, theme: themeFromFileName(file) });
      blocks += result.blocksRead;
      questions += result.questions.length;
      rejected += result.rejected.length;
      for (const question of result.questions) {
        expect(question.text).not.toMatch(/[\r\u0080-\u009F\uFFFD]/);
        expect(question.answer).not.toMatch(/[\r\u0080-\u009F\uFFFD]/);
        expect(question.answer.length).toBeGreaterThan(0);
      }
    }
    expect(questions).toBeGreaterThan(39_000);
    expect(questions + rejected).toBe(blocks);
  });
});
