import { QuestionId } from '@know-foolery/question-service/contract';
import { adminAccess } from '@know-foolery/shared/auth';
import { forwardFrom } from '@know-foolery/shared/http-client';
import { documented, errorResponses, INPUT_ERRORS, type ServiceApp } from '@know-foolery/shared/http-server';
import { type QuestionStatsDeps, questionWithStats } from '../use-cases/question-stats.js';
import { ADMIN_ERRORS, QUESTION_NOT_FOUND, QuestionWithStats } from './schemas.js';

const Stats = documented(QuestionWithStats, 'The question, and its play statistics (zero if never served)');

export function questionStatsRoutes(deps: QuestionStatsDeps) {
  return async (app: ServiceApp) => {
    app.get(
      '/api/v1/admin/questions/:id/stats',
      {
        config: { auth: adminAccess },
        schema: {
          tags: ['questions'],
          summary: 'A question and how it has fared in play',
          operationId: 'getQuestionStats',
          params: QuestionId,
          response: { 200: Stats, ...errorResponses(...ADMIN_ERRORS, INPUT_ERRORS, QUESTION_NOT_FOUND) },
        },
      },
      async (request) => questionWithStats(deps, request.params.id, forwardFrom(request)),
    );
  };
}
