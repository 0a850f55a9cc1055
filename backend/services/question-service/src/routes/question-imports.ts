import { adminAccess } from '@know-foolery/shared/auth';
import { AppError, badRequest, ErrorCode } from '@know-foolery/shared/errors';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { QuestionErrorCode } from '../contract/error-codes.js';
import { ImportBody, ImportReport, ImportUploadBody } from '../contract/imports.js';
import { IMPORT_FILE_LIMIT_BYTES, IMPORT_REQUEST_LIMIT_BYTES } from '../contract/limits.js';
import type { ImportCounter } from '../import-metrics.js';
import type { QuestionDeps } from '../use-cases/deps.js';
import { importText, importUpload } from '../use-cases/imports.js';

/**
 * Node's base64 decoder skips what is not base64 instead of failing, so the bytes are encoded
 * again and compared: a body that does not survive the round trip was not base64. The length of
 * base64 only bounds the file to within two bytes, so the file's own limit is checked here.
 */
function bytesOf(contentBase64: string): Uint8Array {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.toString('base64') !== contentBase64)
    throw badRequest('contentBase64 is not canonical base64', QuestionErrorCode.invalidImport);
  if (bytes.byteLength > IMPORT_FILE_LIMIT_BYTES)
    throw new AppError(
      413,
      ErrorCode.payloadTooLarge,
      `a question file has at most ${IMPORT_FILE_LIMIT_BYTES} bytes`,
    );
  return bytes;
}

/** Bulk import, for admins: admin-service forwards the admin's token and the file here. */
export function questionImportRoutes(deps: QuestionDeps, countImport: ImportCounter) {
  return async (app: ServiceApp) => {
    const route = {
      config: { auth: adminAccess },
      bodyLimit: IMPORT_REQUEST_LIMIT_BYTES,
    };
    const response = {
      200: ImportReport,
      ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS, { 400: [QuestionErrorCode.invalidImport] }),
    };

    app.post(
      '/internal/questions/import',
      { ...route, schema: { tags: ['internal'], body: ImportBody, response } },
      async (request) => countImport(() => importText(deps, request.body)),
    );

    app.post(
      '/internal/questions/import/upload',
      { ...route, schema: { tags: ['internal'], body: ImportUploadBody, response } },
      async (request) =>
        countImport(() => {
          const { contentBase64, ...upload } = request.body;
          return importUpload(deps, { ...upload, bytes: bytesOf(contentBase64) });
        }),
    );
  };
}
