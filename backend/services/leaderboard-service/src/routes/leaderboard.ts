import { authenticatedUser, playerAccess } from '@know-foolery/shared/auth';
import { forwardFrom } from '@know-foolery/shared/http-client';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  INPUT_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { type LeaderboardDeps, showLeaderboard, showStanding } from '../use-cases/leaderboard.js';
import { LeaderboardBody, LeaderboardQuery, StandingBody, StandingQuery } from './schemas.js';

export function leaderboardRoutes(deps: LeaderboardDeps) {
  return async (app: ServiceApp) => {
    app.get(
      '/api/v1/leaderboard',
      {
        config: { auth: playerAccess },
        schema: {
          tags: ['leaderboard'],
          summary: "The best players of a period, by each player's best game",
          operationId: 'getLeaderboard',
          querystring: LeaderboardQuery,
          response: { 200: LeaderboardBody, ...errorResponses(AUTHENTICATED_ERRORS, INPUT_ERRORS) },
        },
      },
      async (request) => {
        const { period, limit } = request.query;
        const board = await showLeaderboard(deps, period, limit, {
          context: forwardFrom(request),
          log: request.log,
        });
        return {
          period: board.period,
          periodStart: board.periodStart?.toISOString() ?? null,
          items: board.entries.map((entry) => ({
            rank: entry.rank,
            userId: entry.userId,
            displayName: entry.displayName,
            score: entry.score,
            achievedAt: entry.achievedAt.toISOString(),
          })),
        };
      },
    );

    app.get(
      '/api/v1/leaderboard/me',
      {
        config: { auth: playerAccess },
        schema: {
          tags: ['leaderboard'],
          summary: "The caller's rank and best score in a period, however far down the board",
          operationId: 'getOwnStanding',
          querystring: StandingQuery,
          response: { 200: StandingBody, ...errorResponses(AUTHENTICATED_ERRORS, INPUT_ERRORS) },
        },
      },
      async (request) => {
        const standing = await showStanding(deps, authenticatedUser(request).id, request.query.period);
        return { ...standing, periodStart: standing.periodStart?.toISOString() ?? null };
      },
    );
  };
}
