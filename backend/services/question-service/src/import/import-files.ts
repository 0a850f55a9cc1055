import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseJsonQuestions } from './json-parser.js';
import { parseOpenTriviaQa, themeFromFileName } from './opentriviaqa-parser.js';
import type { ParseResult } from './parsed-question.js';
import { decodeText } from './text-decoding.js';

export type ImportFormat = 'opentriviaqa' | 'json';

/** Parses one document: a JSON list, or OpenTriviaQA blocks whose theme is the file's name. */
export function parseDocument(format: ImportFormat, fileName: string, content: string): ParseResult {
  return format === 'json'
    ? parseJsonQuestions(content, fileName)
    : parseOpenTriviaQa(content, { file: fileName, theme: themeFromFileName(fileName) });
}

/** The files a path stands for: the file itself, or every file in the directory, in name order. */
export async function dataFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  return entries
    .filter(
      (entry) => entry.isFile() && !entry.name.startsWith('.') && entry.name.toLowerCase() !== 'readme.md',
    )
    .map((entry) => join(path, entry.name))
    .sort();
}

export async function parseFile(path: string): Promise<{ file: string; result: ParseResult }> {
  const file = basename(path);
  const { text } = decodeText(await readFile(path));
  const format: ImportFormat = file.toLowerCase().endsWith('.json') ? 'json' : 'opentriviaqa';
  return { file, result: parseDocument(format, file, text) };
}
