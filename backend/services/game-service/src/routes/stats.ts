import { allowRoles } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  INPUT_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import type { Kysely } from 'kysely';
import { QuestionPlayStats, QuestionStatsParams } from '../contract/question-stats.js';
import { questionStats } from '../data/game-repository.js';
import type { GameDatabase } from '../data/schema.js';

/** How a question fares in play, for curation: admins (through admin-service) and services. */
export function statsRoutes(db: Kysely<GameDatabase>) {
  return async (app: ServiceApp) => {
    app.get(
      '/internal/questions/:questionId/stats',
      {
        config: { auth: allowRoles('admin', 'service') },
        schema: {
          tags: ['internal'],
          params: QuestionStatsParams,
          response: { 200: QuestionPlayStats, ...errorResponses(AUTHENTICATED_ERRORS, INPUT_ERRORS) },
        },
      },
      async (request) => questionStats(db, request.params.questionId),
    );
  };
}
