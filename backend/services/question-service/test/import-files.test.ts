import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFiles, parseFile } from '../src/import/import-files.js';

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
  writeFileSync(join(directory, 'README.md'), '# not data');
  writeFileSync(join(directory, '.hidden'), 'ignored');
  mkdirSync(join(directory, 'nested'));

  it('lists the data files of a directory in name order, skipping hidden files, folders and the README', async () => {
    expect((await dataFiles(directory)).map((path) => path.slice(directory.length + 1))).toEqual([
      'Science Facts',
      'extra.json',
    ]);
    expect(await dataFiles(join(directory, 'extra.json'))).toEqual([join(directory, 'extra.json')]);
  });

  it('parses a Windows-1252 OpenTriviaQA file under the theme its name gives', async () => {
    const { file, result } = await parseFile(join(directory, 'Science Facts'));
    expect(file).toBe('Science Facts');
    expect(result.questions).toEqual([
      expect.objectContaining({ theme: 'science-facts', text: 'Café means?', answer: 'Coffee' }),
    ]);
  });

  it('parses .json files as JSON lists', async () => {
    const { result } = await parseFile(join(directory, 'extra.json'));
    expect(result.questions).toEqual([expect.objectContaining({ theme: 'misc', answer: 'Four' })]);
  });
});
