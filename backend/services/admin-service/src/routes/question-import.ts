import fastifyMultipart from '@fastify/multipart';
import {
  IMPORT_FILE_LIMIT_BYTES,
  IMPORT_UPLOAD_LIMIT_BYTES,
  ImportBody,
  ImportFormat,
  ImportMode,
  ImportReport,
  QuestionErrorCode,
} from '@know-foolery/question-service/contract';
import { adminAccess } from '@know-foolery/shared/auth';
import { forwardFrom } from '@know-foolery/shared/http-client';
import {
  documented,
  errorResponses,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { Type } from 'typebox';
import type { QuestionAdminClient } from '../clients/question-admin-client.js';
import { AdminErrorCode } from '../contract/error-codes.js';
import { importSubmission, RawUploadQuery, refuseOversizedText } from './import-submission.js';
import { ADMIN_ERRORS } from './schemas.js';

const RAW_FILE_TYPES = ['application/octet-stream', 'text/plain'];

const DESCRIPTION = `Three ways to send a question file of up to ${IMPORT_FILE_LIMIT_BYTES} bytes:
- \`multipart/form-data\`: the file in the field \`file\` (its name gives an OpenTriviaQA file's theme), and
  optional fields \`format\` (\`opentriviaqa\` or \`json\`; by default \`.json\` files are JSON) and \`mode\`;
- \`application/octet-stream\` or \`text/plain\`: the body is the file, named by \`?fileName=\`, with optional
  \`format\` and \`mode\` in the query string;
- \`application/json\`: \`{format, fileName, content, mode?}\`, the file already read as text.
An uploaded file is decoded exactly as \`npm run db:seed\` decodes files (UTF-8, or Windows-1252 line by line).
\`mode\`: \`add\` (the default) keeps what the bank has; \`replace\` also takes out of play the questions of the
file's themes that the file no longer holds.`;

const FileBytes = Type.String({ contentMediaType: 'application/octet-stream' });

/** The three forms, for the document; only the JSON one is checked by Fastify, the others by importSubmission. */
const ImportRequest = {
  content: {
    'application/json': { schema: documented(ImportBody, 'The file, already read as text') },
    'multipart/form-data': {
      schema: Type.Object({
        file: documented(FileBytes, 'The question file; its name gives an OpenTriviaQA file its theme'),
        format: Type.Optional(ImportFormat),
        mode: Type.Optional(ImportMode),
      }),
    },
    'application/octet-stream': { schema: documented(FileBytes, 'The file as it is; `?fileName=` names it') },
    'text/plain': { schema: documented(FileBytes, 'The file as it is; `?fileName=` names it') },
  },
};

const Report = documented(ImportReport, 'What the import did: counts, and the first rejections in full');

export function questionImportRoutes(questions: QuestionAdminClient) {
  return async (app: ServiceApp) => {
    // Its limits are set where the form is read (importSubmission).
    await app.register(fastifyMultipart);
    // Fastify's own text/plain parser decodes UTF-8, which would turn every Windows-1252 byte into
    // U+FFFD: an uploaded file reaches question-service as the bytes the admin sent.
    app.addContentTypeParser(RAW_FILE_TYPES, { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );

    app.post(
      '/api/v1/admin/questions/import',
      {
        config: { auth: adminAccess },
        bodyLimit: IMPORT_UPLOAD_LIMIT_BYTES,
        preValidation: refuseOversizedText,
        schema: {
          tags: ['questions'],
          summary: 'Import a question file (OpenTriviaQA text or JSON); duplicates are skipped',
          description: DESCRIPTION,
          operationId: 'importQuestions',
          querystring: RawUploadQuery,
          body: ImportRequest,
          response: {
            200: Report,
            ...errorResponses(...ADMIN_ERRORS, JSON_BODY_ERRORS, {
              400: [AdminErrorCode.invalidUpload, QuestionErrorCode.invalidImport],
            }),
          },
        },
      },
      async (request) => {
        const submission = await importSubmission(request, request.query);
        const context = forwardFrom(request);
        return submission.form === 'text'
          ? questions.importText(submission.document, context)
          : questions.importUpload(submission.upload, context);
      },
    );
  };
}
