import { type Static, type TSchema, Type } from 'typebox';
import { base64Length, IMPORT_FILE_LIMIT_BYTES } from './limits.js';

/** Bulk import: `/internal/questions/import` (text) and `/internal/questions/import/upload` (bytes). */

export const IMPORT_FORMATS = ['opentriviaqa', 'json'] as const;
/** `add` keeps what the bank has; `replace` also takes out of play what the file's themes no longer hold. */
export const IMPORT_MODES = ['add', 'replace'] as const;

export const ImportFormat = Type.Enum(IMPORT_FORMATS);
export type ImportFormat = Static<typeof ImportFormat>;
export const ImportMode = Type.Enum(IMPORT_MODES);
export type ImportMode = Static<typeof ImportMode>;
/** Also the theme of an OpenTriviaQA file (`geography.txt` holds geography). */
export const ImportFileName = Type.String({ minLength: 1, maxLength: 255 });

/** A question file already read as text. */
export const ImportBody = Type.Object(
  {
    format: ImportFormat,
    fileName: ImportFileName,
    content: Type.String({ minLength: 1, maxLength: IMPORT_FILE_LIMIT_BYTES }),
    mode: Type.Optional(ImportMode),
  },
  { additionalProperties: false },
);
export type ImportBody = Static<typeof ImportBody>;

/**
 * A question file as uploaded, its bytes in base64, decoded as the seed command decodes files.
 * Without `format`, the file name says: `.json` is JSON, anything else OpenTriviaQA.
 */
export const ImportUploadBody = Type.Object(
  {
    fileName: ImportFileName,
    format: Type.Optional(ImportFormat),
    mode: Type.Optional(ImportMode),
    contentBase64: Type.String({ minLength: 1, maxLength: base64Length(IMPORT_FILE_LIMIT_BYTES) }),
  },
  { additionalProperties: false },
);
export type ImportUploadBody = Static<typeof ImportUploadBody>;

const Count = Type.Integer({ minimum: 0 });
const List = <Item extends TSchema>(item: Item) => Type.Immutable(Type.Array(item));
/** 1-based: the line of the file an OpenTriviaQA block's `#Q`, or a JSON entry, starts on. */
const Line = Type.Integer({ minimum: 1 });

/** What an import did, the same report the seed command prints with `--json`. */
export const ImportReport = Type.Object({
  /** Blocks (OpenTriviaQA) or entries (JSON) read, valid or not. */
  read: Count,
  /** Valid questions read, by how they will be played; `needs_options` ones wait, inactive, for a curator. */
  byKind: Type.Object({ free_text: Count, true_false: Count, needs_options: Count }),
  imported: Count,
  /** Valid questions that were already in the bank, or came twice in this import. */
  duplicates: Count,
  /** Replace mode: stored questions the file brought back into play. */
  reactivated: Count,
  /** Replace mode: questions of a replaced theme the file no longer holds, kept but out of play. */
  deactivated: Count,
  rejected: Count,
  rejectedByReason: Type.Record(Type.String(), Count),
  /** The first rejections, in full; `rejectionsOmitted` counts the others. */
  rejections: List(
    Type.Object({ reason: Type.String(), file: Type.String(), line: Line, excerpt: Type.String() }),
  ),
  rejectionsOmitted: Count,
  /** Questions imported as they stand that a person should look at. */
  warnings: List(Type.Object({ file: Type.String(), line: Line, message: Type.String() })),
  warningsOmitted: Count,
  /** Files that held no questions at all (a LICENSE beside the data), and why. */
  skippedFiles: List(Type.Object({ file: Type.String(), reason: Type.String() })),
});
export type ImportReport = Static<typeof ImportReport>;
