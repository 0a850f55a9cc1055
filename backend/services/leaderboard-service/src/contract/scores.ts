import { type Static, Type } from 'typebox';
import { MAX_SCORE } from '../domain/score.js';

/** `/internal/scores`, called with game-service's own identity: only games record scores. */

const Id = Type.String({ minLength: 1, maxLength: 128 });
const Instant = Type.String({ format: 'date-time' });

/** A finished game's result; submitting the same one again is acknowledged (200), not recorded twice. */
export const ScoreSubmission = Type.Object(
  {
    gameId: Id,
    userId: Id,
    score: Type.Integer({ minimum: 0, maximum: MAX_SCORE }),
    finishedAt: Instant,
  },
  { additionalProperties: false },
);
export type ScoreSubmission = Static<typeof ScoreSubmission>;

/** What was recorded: 201 the first time, 200 for a repeat. */
export const RecordedScore = Type.Object({
  gameId: Type.String(),
  userId: Type.String(),
  score: Type.Integer(),
  finishedAt: Instant,
});
export type RecordedScore = Static<typeof RecordedScore>;
