import { QuestionId } from '@know-foolery/question-service/contract';
import { adminAccess } from '@know-foolery/shared/auth';
import { forwardFrom } from '@know-foolery/shared/http-client';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import { type QuestionStatsDeps, questionWithStats } from '../use-cases/question-stats.js';
import { COMMON_ERRORS, QuestionWithStats } from './schemas.js';

export function questionStatsRoutes(deps: QuestionStatsDeps) {
  return async (app: ServiceApp) => {
    app.get(
      '/api/v1/admin/questions/:id/stats',
      {
        config: { auth: adminAccess },
        schema: {
          tags: ['questions'],
          summary: 'A question and how it has fared in play',
          params: QuestionId,
          response: { 200: QuestionWithStats, ...errorResponses(...COMMON_ERRORS, 404) },
        },
      },
      async (request) => questionWithStats(deps, request.params.id, forwardFrom(request)),
    );
  };
}
