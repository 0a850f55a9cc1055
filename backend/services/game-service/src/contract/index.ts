/**
 * game-service's public contract: the schemas of the routes other services call and its error
 * codes. Its caller (admin-service) imports it instead of restating it. Nothing here does I/O or
 * pulls in Fastify or Kysely.
 */

export { GameErrorCode } from './error-codes.js';
export { QuestionPlayStats, QuestionStatsParams } from './question-stats.js';
