import { serviceAccess } from '@know-foolery/shared/auth';
import { badRequest } from '@know-foolery/shared/errors';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { LeaderboardErrorCode } from '../contract/error-codes.js';
import { RecordedScore, ScoreSubmission } from '../contract/scores.js';
import { type RecordScoreDeps, recordGameScore } from '../use-cases/record-score.js';

/** game-service reports each finished game here; the gateway never routes /internal. */
export function scoreRoutes(deps: RecordScoreDeps) {
  return async (app: ServiceApp) => {
    app.post(
      '/internal/scores',
      {
        config: { auth: serviceAccess },
        schema: {
          tags: ['internal'],
          summary: "Record a finished game's score (idempotent by gameId)",
          body: ScoreSubmission,
          response: {
            200: RecordedScore,
            201: RecordedScore,
            ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS, {
              400: [LeaderboardErrorCode.invalidFinishedAt],
              409: [LeaderboardErrorCode.scoreConflict],
            }),
          },
        },
      },
      async (request, reply) => {
        const finishedAt = new Date(request.body.finishedAt);
        // The date-time format admits instants a Date cannot hold, such as a leap second.
        if (Number.isNaN(finishedAt.getTime())) {
          throw badRequest(
            'finishedAt is not a representable instant',
            LeaderboardErrorCode.invalidFinishedAt,
          );
        }
        const score = { ...request.body, finishedAt };
        const recording = await recordGameScore(deps, score);
        return reply
          .status(recording === 'recorded' ? 201 : 200)
          .send({ ...score, finishedAt: finishedAt.toISOString() });
      },
    );
  };
}
