import { allowRoles } from '@know-foolery/shared/auth';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import type { Kysely } from 'kysely';
import { questionStats } from '../data/game-repository.js';
import type { GameDatabase } from '../data/schema.js';
import { StatsBody, StatsParams } from './schemas.js';

/** How a question fares in play, for curation: admins (through admin-service) and services. */
export function statsRoutes(db: Kysely<GameDatabase>) {
  return async (app: ServiceApp) => {
    app.get(
      '/internal/questions/:questionId/stats',
      {
        config: { auth: allowRoles('admin', 'service') },
        schema: {
          tags: ['internal'],
          params: StatsParams,
          response: { 200: StatsBody, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => questionStats(db, request.params.questionId),
    );
  };
}
