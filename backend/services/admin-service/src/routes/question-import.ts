import { adminAccess } from '@know-foolery/shared/auth';
import { forwardFrom } from '@know-foolery/shared/http-client';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import type { QuestionAdminClient } from '../clients/question-admin-client.js';
import { ImportReport, ImportRequest } from '../clients/question-contracts.js';
import { COMMON_ERRORS } from './schemas.js';

/** A question file travels whole in one JSON body; every other route keeps the small default limit. */
export const IMPORT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export function questionImportRoutes(questions: QuestionAdminClient) {
  return async (app: ServiceApp) => {
    app.post(
      '/api/v1/admin/questions/import',
      {
        config: { auth: adminAccess },
        bodyLimit: IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: ['questions'],
          summary: 'Import a question file (OpenTriviaQA text or JSON); duplicates are skipped',
          body: ImportRequest,
          response: { 200: ImportReport, ...errorResponses(...COMMON_ERRORS, 413) },
        },
      },
      async (request) => questions.importQuestions(request.body, forwardFrom(request)),
    );
  };
}
