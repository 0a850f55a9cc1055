export const MAX_SCORE = 10_000;

/** One finished game's result, as game-service reports it. */
export interface GameScore {
  readonly gameId: string;
  readonly userId: string;
  readonly score: number;
  readonly finishedAt: Date;
}

/** A repeated submission is harmless only when it reports exactly what was recorded. */
export function isSameGameScore(recorded: GameScore, submitted: GameScore): boolean {
  return (
    recorded.gameId === submitted.gameId &&
    recorded.userId === submitted.userId &&
    recorded.score === submitted.score &&
    recorded.finishedAt.getTime() === submitted.finishedAt.getTime()
  );
}
