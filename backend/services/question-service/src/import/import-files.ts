import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { parseJsonQuestions } from './json-parser.js';
import { parseOpenTriviaQa, themeFromFileName } from './opentriviaqa-parser.js';
import type { ImportWarning, ParsedFile, ParseResult } from './parsed-question.js';
import { decodeText, splitLines } from './text-decoding.js';

export type ImportFormat = 'opentriviaqa' | 'json';

/** `.json` files are JSON lists; anything else is OpenTriviaQA text, whose theme is the file's name. */
export function formatOf(fileName: string): ImportFormat {
  return fileName.toLowerCase().endsWith('.json') ? 'json' : 'opentriviaqa';
}

const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * U+FFFD is what a decoder leaves for bytes it could not read: text that arrives with it was
 * damaged before it reached us, and the characters it stands for are gone. Its questions are
 * imported as they are, with a warning per line so that someone fixes the source.
 */
function damagedLines(content: string, file: string): ImportWarning[] {
  if (!content.includes(REPLACEMENT_CHARACTER)) return [];
  const warnings: ImportWarning[] = [];
  splitLines(content).forEach((line, index) => {
    if (line.includes(REPLACEMENT_CHARACTER)) {
      warnings.push({
        file,
        line: index + 1,
        message: 'contains U+FFFD: characters were lost before the import (a wrong text encoding)',
      });
    }
  });
  return warnings;
}

/** Parses one document that is already text: a JSON list, or OpenTriviaQA blocks whose theme is the file's name. */
export function parseDocument(format: ImportFormat, fileName: string, content: string): ParseResult {
  const result =
    format === 'json'
      ? parseJsonQuestions(content, fileName)
      : parseOpenTriviaQa(content, { file: fileName, theme: themeFromFileName(fileName) });
  if (result.skipped !== null) return result;
  const damaged = damagedLines(content, fileName);
  return damaged.length === 0 ? result : { ...result, warnings: result.warnings.concat(damaged) };
}

/**
 * Decodes and parses uploaded bytes exactly as the seed command reads a file: UTF-8, or
 * Windows-1252 line by line where a line is not UTF-8; CRLF, LF, CR and NEL all end a line.
 */
export function parseUpload(
  bytes: Uint8Array,
  fileName: string,
  format: ImportFormat = formatOf(fileName),
): ParsedFile {
  return { file: fileName, result: parseDocument(format, fileName, decodeText(bytes).text) };
}

export interface DataFile {
  readonly path: string;
  /** The path relative to the directory it was found in, as reports name it. */
  readonly name: string;
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const found = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith('.'))
      .map(async (entry) => {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) return filesUnder(path);
        return entry.isFile() ? [path] : [];
      }),
  );
  return found.flat();
}

/**
 * The files a path stands for: the file itself, or every file under the directory and its
 * subdirectories (hidden ones left out), in path order. Which of them hold questions is for
 * parsing to say, so a LICENSE or README beside the data is reported as skipped, not hidden.
 */
export async function dataFiles(path: string): Promise<DataFile[]> {
  if ((await stat(path)).isFile()) return [{ path, name: basename(path) }];
  const paths = await filesUnder(path);
  return paths
    .map((file) => ({ path: file, name: relative(path, file).split(sep).join('/') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function parseFile(file: DataFile): Promise<ParsedFile> {
  return parseUpload(await readFile(file.path), file.name);
}
