import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataFiles, formatOf, parseDocument, parseFile, parseUpload } from '../src/import/import-files.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'utf8')] : part)),
  );

describe('reading data files', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kf-import-'));
  writeFileSync(
    join(directory, 'Science Facts'),
    Buffer.from([...Buffer.from('#Q Caf'), 0xe9, ...Buffer.from(' means?\r\n^ Coffee\r\n')]),
  );
  writeFileSync(
    join(directory, 'extra.json'),
    JSON.stringify([{ theme: 'misc', text: 'Two plus two?', answer: 'Four' }]),
  );
  writeFileSync(join(directory, 'README.md'), '# not data\n\n    #Q an indented example\n');
  writeFileSync(join(directory, 'LICENSE'), 'Attribution-ShareAlike 4.0 International\n');
  writeFileSync(join(directory, '.hidden'), 'ignored');
  mkdirSync(join(directory, 'categories'));
  writeFileSync(join(directory, 'categories', 'music'), '#Q Who sang Hero?\n^ Mariah Carey\n');
  mkdirSync(join(directory, '.git'));
  writeFileSync(join(directory, '.git', 'HEAD'), 'ref: refs/heads/main');
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('lists every file under a directory and its subdirectories in path order, skipping hidden ones', async () => {
    expect((await dataFiles(directory)).map(({ name }) => name)).toEqual([
      'LICENSE',
      'README.md',
      'Science Facts',
      'categories/music',
      'extra.json',
    ]);
    expect(await dataFiles(join(directory, 'extra.json'))).toEqual([
      { path: join(directory, 'extra.json'), name: 'extra.json' },
    ]);
  });

  it('parses a Windows-1252 OpenTriviaQA file under the theme its name gives', async () => {
    const { file, result } = await parseFile({
      path: join(directory, 'Science Facts'),
      name: 'Science Facts',
    });
    expect(file).toBe('Science Facts');
    expect(result.questions).toEqual([
      expect.objectContaining({ theme: 'science-facts', text: 'Café means?', answer: 'Coffee' }),
    ]);
  });

  it('takes the theme of a file in a subdirectory from its own name and reports it by its path', async () => {
    const [music] = (await dataFiles(directory)).filter(({ name }) => name.endsWith('music'));
    expect(music).toBeDefined();
    const { file, result } = await parseFile(music ?? { path: '', name: '' });
    expect(file).toBe('categories/music');
    expect(result.questions).toEqual([
      expect.objectContaining({ theme: 'music', source: { file: 'categories/music', line: 1 } }),
    ]);
  });

  it('parses .json files as JSON lists', async () => {
    const { result } = await parseFile({ path: join(directory, 'extra.json'), name: 'extra.json' });
    expect(result.questions).toEqual([expect.objectContaining({ theme: 'misc', answer: 'Four' })]);
  });

  it.each(['LICENSE', 'README.md'])('skips %s with a reason instead of rejecting its lines', async (name) => {
    const { result } = await parseFile({ path: join(directory, name), name });
    expect(result).toMatchObject({ questions: [], rejected: [], blocksRead: 0 });
    expect(result.skipped).toMatch(/no line starts with #Q/);
  });
});

describe('parseUpload', () => {
  it('decodes uploaded bytes like the seed reads a file: Windows-1252 lines in UTF-8, CRLF, LF and NEL', () => {
    const upload = bytes(
      '#Q Caf',
      [0xe9],
      ' is French for?\r\n^ Coffee\r\n\r\n#Q Na',
      [0xc3, 0xaf],
      've means?\n^ Innocent\u0085\u0085#Q Ellipsis?\n^ Dots',
      [0x85],
      '\n',
    );
    const { file, result } = parseUpload(upload, 'words');
    expect(file).toBe('words');
    expect(result.rejected).toEqual([]);
    expect(result.questions.map(({ theme, text, answer }) => [theme, text, answer])).toEqual([
      ['words', 'Café is French for?', 'Coffee'],
      ['words', 'Naïve means?', 'Innocent'],
      ['words', 'Ellipsis?', 'Dots…'],
    ]);
  });

  it('reads a .json upload as a JSON list unless told the format', () => {
    const json = bytes(JSON.stringify([{ theme: 'misc', text: 'Two plus two?', answer: 'Four' }]));
    expect(parseUpload(json, 'list.json').result.questions).toHaveLength(1);
    expect(parseUpload(json, 'list.json', 'opentriviaqa').result.skipped).toMatch(/no line starts with #Q/);
    expect(formatOf('LIST.JSON')).toBe('json');
    expect(formatOf('music')).toBe('opentriviaqa');
  });
});

describe('parseDocument', () => {
  it('warns, line by line, about text that arrived already damaged (U+FFFD), and imports it as it is', () => {
    const result = parseDocument(
      'opentriviaqa',
      'music',
      '#Q Caf\uFFFD?\n^ Coffee\n\n#Q Fine?\n^ Yes\n^ Ok\uFFFD\n',
    );
    expect(result.questions.map(({ text }) => text)).toEqual(['Caf\uFFFD?']);
    expect(result.warnings).toEqual([
      { file: 'music', line: 1, message: expect.stringMatching(/U\+FFFD/) },
      { file: 'music', line: 6, message: expect.stringMatching(/U\+FFFD/) },
    ]);
  });

  it('warns about U+FFFD in a JSON document by the line it is on', () => {
    const content = `[\n{"theme": "misc", "text": "Two plus two?", "answer": "F\uFFFDur"}\n]`;
    expect(parseDocument('json', 'list.json', content).warnings).toEqual([
      { file: 'list.json', line: 2, message: expect.stringMatching(/U\+FFFD/) },
    ]);
  });

  it('has no warning for clean text', () => {
    expect(parseDocument('opentriviaqa', 'music', '#Q Hero?\n^ Mariah Carey\n').warnings).toEqual([]);
  });
});
