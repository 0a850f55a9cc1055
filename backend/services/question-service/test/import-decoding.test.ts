import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataFiles, parseDocument } from '../src/import/import-files.js';
import { decodeText } from '../src/import/text-decoding.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)),
  );

describe('decoding a data file', () => {
  it('reads the last byte of the Windows-1252 range as Ÿ', () => {
    expect(decodeText(bytes('Erd', [0x9f]))).toEqual({ text: 'ErdŸ', encoding: 'windows-1252' });
  });

  it('keeps the line break that ends a Windows-1252 file', () => {
    expect(decodeText(bytes('caf', [0xe9], '\n'))).toEqual({ text: 'café\n', encoding: 'windows-1252' });
  });

  it('says a file is mixed only when a line holds UTF-8 beyond ASCII', () => {
    expect(decodeText(bytes('caf', [0xc3, 0xa9], '\ncaf', [0xe9]))).toEqual({
      text: 'café\ncafé',
      encoding: 'mixed',
    });
    expect(decodeText(bytes('plain\ncaf', [0xe9]))).toEqual({
      text: 'plain\ncafé',
      encoding: 'windows-1252',
    });
  });
});

describe('a document beside the data', () => {
  it('is skipped as a whole, with no warning for the characters it lost', () => {
    expect(parseDocument('opentriviaqa', 'LICENSE', 'Licensed under CC BY-SA \uFFFD 4.0')).toMatchObject({
      questions: [],
      warnings: [],
      skipped: expect.stringMatching(/not an OpenTriviaQA question file/),
    });
  });
});

describe('the data files under a directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'kf-data-files-'));

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('are the files under it and its subdirectories, in path order, without hidden files or links', async () => {
    mkdirSync(join(root, 'sub'));
    mkdirSync(join(root, 'b'));
    // "b/z" sorts after "b.txt", though a directory listing gives the directory "b" first.
    for (const name of ['sub/c', 'b/z', 'b.txt', 'a', '.hidden'])
      writeFileSync(join(root, name), '#Q x\n^ y\n');
    symlinkSync(join(root, 'a'), join(root, 'link'));
    expect((await dataFiles(root)).map((file) => file.name)).toEqual(['a', 'b.txt', 'b/z', 'sub/c']);
  });
});
