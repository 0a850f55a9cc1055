import { badRequest } from '@know-foolery/shared/errors';
import { QuestionErrorCode } from '../contract/error-codes.js';
import { type ImportFormat, parseDocument, parseUpload } from '../import/import-files.js';
import { type ImportMode, type ImportReport, importParsed } from '../import/importer.js';
import type { ParsedFile } from '../import/parsed-question.js';
import type { QuestionDeps } from './deps.js';

/** A question file already read as text. */
export interface TextDocument {
  readonly format: ImportFormat;
  readonly fileName: string;
  readonly content: string;
  readonly mode?: ImportMode | undefined;
}

/** A question file as uploaded; without `format`, its name says which. */
export interface UploadedFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly format?: ImportFormat | undefined;
  readonly mode?: ImportMode | undefined;
}

/** A document that cannot be read at all (a file name that gives no theme) is the caller's mistake. */
function readOrReject(read: () => ParsedFile): ParsedFile {
  try {
    return read();
  } catch (error) {
    throw badRequest(
      error instanceof Error ? error.message : 'the document cannot be read',
      QuestionErrorCode.invalidImport,
    );
  }
}

async function importFile(
  deps: QuestionDeps,
  file: ParsedFile,
  mode: ImportMode | undefined,
): Promise<ImportReport> {
  const report = await importParsed(deps.db, [file], deps.clock.now(), { mode: mode ?? 'add' });
  await deps.cache.bankChanged();
  return report;
}

export function importText(deps: QuestionDeps, document: TextDocument): Promise<ImportReport> {
  const { format, fileName, content } = document;
  const file = readOrReject(() => ({ file: fileName, result: parseDocument(format, fileName, content) }));
  return importFile(deps, file, document.mode);
}

/**
 * Decodes the bytes exactly as the seed command decodes a file, then imports them the same way.
 * Text in UTF-8 or Windows-1252 never holds a NUL byte (UTF-16 is full of them), and PostgreSQL
 * cannot store one where SQLite would: such a file is refused on both alike.
 */
export async function importUpload(deps: QuestionDeps, upload: UploadedFile): Promise<ImportReport> {
  const { bytes, fileName, format } = upload;
  if (bytes.includes(0)) {
    throw badRequest(
      'the file holds a NUL byte: a question file is UTF-8 or Windows-1252 text',
      QuestionErrorCode.invalidImport,
    );
  }
  return importFile(
    deps,
    readOrReject(() => parseUpload(bytes, fileName, format)),
    upload.mode,
  );
}
