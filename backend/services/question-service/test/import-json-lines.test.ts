import { describe, expect, it } from 'vitest';
import { entryLines, lineOfParseError } from '../src/import/json-lines.js';
import { parseJsonQuestions } from '../src/import/json-parser.js';

const ENTRY = { theme: 'geography', text: 'Capital of France?', answer: 'Paris' };

describe('lines of a JSON import', () => {
  it('reports a rejected entry and a warning at the line of the file the entry starts on', () => {
    const document = JSON.stringify(
      [
        ENTRY,
        { ...ENTRY, answer: '' },
        { theme: 'nature', text: 'Snakes are deaf.', answer: 'True', hint: 'ears' },
      ],
      null,
      2,
    );
    const result = parseJsonQuestions(document, 'bank.json');
    expect(result.questions.map((question) => question.source.line)).toEqual([2, 12]);
    expect(result.rejected).toEqual([
      { reason: 'invalid_entry', file: 'bank.json', line: 7, excerpt: '"answer" is required' },
    ]);
    expect(result.warnings).toEqual([{ file: 'bank.json', line: 12, message: expect.any(String) }]);
  });

  it('is not misled by brackets, commas, quotes and escapes inside entries', () => {
    const document = [
      '[ {"text": "a, [b] {c}", "x": [1, [2, 3], {"y": "\\"]"}]},',
      '',
      '  "an entry, on line 3 \\\\", 42,',
      '\t\r',
      '  [ ], {',
      '  } ]',
    ].join('\n');
    expect(JSON.parse(document)).toHaveLength(5);
    expect(entryLines(document)).toEqual([1, 3, 3, 5, 5]);
    expect(entryLines('[]')).toEqual([]);
    expect(entryLines('[\n]')).toEqual([]);
  });

  it('places a document JSON.parse refuses where its message says, at its end, or else on the first line', () => {
    const text = '[\n{"a": 1}\n{"b": 2}]';
    expect(lineOfParseError("Expected ',' or ']' after array element in JSON at position 11", text)).toBe(3);
    expect(lineOfParseError('Unexpected token in JSON at position 11 (line 7 column 2)', text)).toBe(7);
    expect(lineOfParseError('Unexpected end of JSON input', '[\n{"a": \n')).toBe(3);
    expect(lineOfParseError(`Unexpected token ',', "[1,,2]" is not valid JSON`, '[1,,2]')).toBe(1);
    const refused = parseJsonQuestions(
      '[\n  {"theme": "x"},\n  {"theme": "y"}\n  {"theme": "z"}\n]',
      'b.json',
    );
    expect(refused.rejected).toEqual([
      { reason: 'invalid_json', file: 'b.json', line: 4, excerpt: expect.stringMatching(/JSON/) },
    ]);
  });
});
