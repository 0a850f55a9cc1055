import type { MultipartFile } from '@fastify/multipart';
import {
  IMPORT_FILE_LIMIT_BYTES,
  ImportBody,
  ImportFileName,
  ImportFormat,
  ImportMode,
} from '@know-foolery/question-service/contract';
import { AppError, badRequest, ErrorCode } from '@know-foolery/shared/errors';
import { isRecord } from '@know-foolery/shared/utils';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { QuestionFileUpload } from '../clients/question-admin-client.js';
import { AdminErrorCode } from '../contract/error-codes.js';

/** Where a raw upload (the body is the file) says what it is; the other forms say it in their body. */
export const RawUploadQuery = Type.Object(
  {
    fileName: Type.Optional(ImportFileName),
    format: Type.Optional(ImportFormat),
    mode: Type.Optional(ImportMode),
  },
  { additionalProperties: false },
);
export type RawUploadQuery = Static<typeof RawUploadQuery>;

/** What an admin sent to the import route: a file already read as text, or one as uploaded. */
export type ImportSubmission =
  | { readonly form: 'text'; readonly document: ImportBody }
  | { readonly form: 'file'; readonly upload: QuestionFileUpload };

/** The form fields beside the file; anything else in a form is a mistake worth saying so. */
const FORM_FIELDS = { format: ImportFormat, mode: ImportMode } as const;

/** The file's limit and room for the two short fields beside it; busboy refuses more with 413. */
const MULTIPART_LIMITS = {
  fileSize: IMPORT_FILE_LIMIT_BYTES,
  files: 1,
  fields: Object.keys(FORM_FIELDS).length,
  fieldSize: 64,
  parts: 1 + Object.keys(FORM_FIELDS).length,
};

function nonEmpty(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength === 0) throw badRequest('the file is empty', AdminErrorCode.invalidUpload);
  return bytes;
}

function formField<Name extends keyof typeof FORM_FIELDS>(
  name: Name,
  value: unknown,
): Static<(typeof FORM_FIELDS)[Name]> {
  if (!Value.Check(FORM_FIELDS[name], value))
    throw badRequest(
      `the form field "${name}" must be one of ${FORM_FIELDS[name].enum.join(', ')}`,
      AdminErrorCode.invalidUpload,
    );
  return value;
}

const fileTooLarge = () =>
  new AppError(
    413,
    ErrorCode.payloadTooLarge,
    `a question file has at most ${IMPORT_FILE_LIMIT_BYTES} bytes`,
  );

/**
 * A file sent as JSON text is held to the file limit too, in UTF-8 bytes, before its schema is
 * checked: 413, as for a file in the other forms, rather than a schema's complaint about length.
 */
export async function refuseOversizedText(request: FastifyRequest): Promise<void> {
  const { body } = request;
  if (
    isRecord(body) &&
    typeof body.content === 'string' &&
    Buffer.byteLength(body.content) > IMPORT_FILE_LIMIT_BYTES
  )
    throw fileTooLarge();
}

/** busboy stops reading at the limit; its own error says only "request file too large". */
async function fileOf(part: MultipartFile): Promise<Uint8Array> {
  try {
    return await part.toBuffer();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE')
      throw fileTooLarge();
    throw error;
  }
}

/** `multipart/form-data`: a `file` part, which names the file, and optional `format` and `mode` fields. */
async function multipartUpload(request: FastifyRequest): Promise<QuestionFileUpload> {
  let file: { fileName: string; bytes: Uint8Array } | undefined;
  let format: ImportFormat | undefined;
  let mode: ImportMode | undefined;
  for await (const part of request.parts({ limits: MULTIPART_LIMITS })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file')
        throw badRequest(
          `the file goes in the field "file", not "${part.fieldname}"`,
          AdminErrorCode.invalidUpload,
        );
      file = { fileName: part.filename, bytes: await fileOf(part) };
    } else if (part.fieldname === 'format') {
      format = formField('format', part.value);
    } else if (part.fieldname === 'mode') {
      mode = formField('mode', part.value);
    } else {
      throw badRequest(
        `the form has a field "${part.fieldname}": only file, format and mode are read`,
        AdminErrorCode.invalidUpload,
      );
    }
  }
  if (file === undefined) throw badRequest('the form has no "file" field', AdminErrorCode.invalidUpload);
  if (!Value.Check(ImportFileName, file.fileName))
    throw badRequest(
      'the uploaded file needs a name of 1 to 255 characters: it gives the theme',
      AdminErrorCode.invalidUpload,
    );
  return { fileName: file.fileName, bytes: nonEmpty(file.bytes), format, mode };
}

/** `application/octet-stream` or `text/plain`: the body is the file; the query string names it. */
function rawUpload(bytes: Uint8Array, query: RawUploadQuery): QuestionFileUpload {
  const { fileName, format, mode } = query;
  if (fileName === undefined)
    throw badRequest(
      'a raw upload names its file in the query string: ?fileName=...',
      AdminErrorCode.invalidUpload,
    );
  // The route takes a body of the file and room for an envelope; a raw body is the file alone.
  if (bytes.byteLength > IMPORT_FILE_LIMIT_BYTES) throw fileTooLarge();
  return { fileName, bytes: nonEmpty(bytes), format, mode };
}

/**
 * Reads whichever form the request came in. The query string belongs to raw uploads only: a form or
 * JSON body that also had `?mode=replace` would otherwise leave the admin unsure which one counted.
 */
export async function importSubmission(
  request: FastifyRequest,
  query: RawUploadQuery,
): Promise<ImportSubmission> {
  const { body } = request;
  if (body instanceof Uint8Array) return { form: 'file', upload: rawUpload(body, query) };
  if (Object.values(query).some((value) => value !== undefined))
    throw badRequest(
      'fileName, format and mode go in the query string only when the body is the file itself',
      AdminErrorCode.invalidUpload,
    );
  if (request.isMultipart()) return { form: 'file', upload: await multipartUpload(request) };
  // Fastify has already checked a JSON body against ImportBody; this check gives it its type.
  if (!Value.Check(ImportBody, body))
    throw badRequest('the body is not a question file', AdminErrorCode.invalidUpload);
  return { form: 'text', document: body };
}
