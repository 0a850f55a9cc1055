import { allowRoles } from '@know-foolery/shared/auth';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
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
          response: { 200: QuestionPlayStats, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => questionStats(db, request.params.questionId),
    );
  };
}
