/** A player's best game on a board: the earliest game that reached their highest score. */
export interface PlayerBest {
  readonly userId: string;
  readonly score: number;
  readonly achievedAt: Date;
}

export interface RankedBest extends PlayerBest {
  readonly rank: number;
}

export interface PlayerStanding {
  /** The player's best score on the board; null when they have no game on it. */
  readonly score: number | null;
  /** Players whose best is strictly higher: the player's rank is this plus one. */
  readonly playersAhead: number;
  readonly totalPlayers: number;
}

/**
 * Standard competition ranks (1, 2, 2, 4) for bests listed from the top of the board, best
 * first: a player shares the rank of the one above when their scores are equal.
 */
export function competitionRanks(bests: readonly PlayerBest[]): RankedBest[] {
  const ranked: RankedBest[] = [];
  for (const [index, best] of bests.entries()) {
    const above = ranked[index - 1];
    const rank = above !== undefined && above.score === best.score ? above.rank : index + 1;
    ranked.push({ ...best, rank });
  }
  return ranked;
}

/** Competition ranking: one place behind everyone whose best is strictly higher; none without a game. */
export function standingRank(standing: PlayerStanding): number | null {
  return standing.score === null ? null : standing.playersAhead + 1;
}
