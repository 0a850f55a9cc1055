/** Every code leaderboard-service answers with besides the platform's common ones (VALIDATION_FAILED, ...). */
export const LeaderboardErrorCode = {
  /** The game's score was already recorded with a different result. */
  scoreConflict: 'SCORE_CONFLICT',
  /** A well-formed date-time a Date cannot hold, such as a leap second. */
  invalidFinishedAt: 'INVALID_FINISHED_AT',
} as const;

export type LeaderboardErrorCode = (typeof LeaderboardErrorCode)[keyof typeof LeaderboardErrorCode];
