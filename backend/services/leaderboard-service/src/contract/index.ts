/**
 * leaderboard-service's public contract: the schemas of the routes other services call, its limits
 * and its error codes. Its caller (game-service) imports it instead of restating it. Nothing here
 * does I/O or pulls in Fastify or Kysely.
 */

export { MAX_SCORE } from '../domain/score.js';
export { LeaderboardErrorCode } from './error-codes.js';
export { RecordedScore, ScoreSubmission } from './scores.js';
