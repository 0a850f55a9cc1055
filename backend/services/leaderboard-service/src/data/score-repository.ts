import { toDate, toNumber } from '@know-foolery/shared/database';
import type { Kysely, Selectable } from 'kysely';
import type { GameScore } from '../domain/score.js';
import type { LeaderboardDatabase, ScoresTable } from './schema.js';

function toGameScore(row: Selectable<ScoresTable>): GameScore {
  return {
    gameId: row.game_id,
    userId: row.user_id,
    score: row.score,
    finishedAt: toDate(row.finished_at),
  };
}

/** Records the score; false when its game was already recorded (the stored row is left untouched). */
export async function insertGameScore(
  db: Kysely<LeaderboardDatabase>,
  id: string,
  score: GameScore,
): Promise<boolean> {
  const inserted = await db
    .insertInto('scores')
    .values({
      id,
      game_id: score.gameId,
      user_id: score.userId,
      score: score.score,
      finished_at: score.finishedAt,
    })
    .onConflict((conflict) => conflict.column('game_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findGameScore(
  db: Kysely<LeaderboardDatabase>,
  gameId: string,
): Promise<GameScore | undefined> {
  const row = await db.selectFrom('scores').selectAll().where('game_id', '=', gameId).executeTakeFirst();
  return row === undefined ? undefined : toGameScore(row);
}

/** A player's best game in a period: the earliest game that reached their highest score. */
export interface RankedBest {
  readonly rank: number;
  readonly userId: string;
  readonly score: number;
  readonly achievedAt: Date;
}

/** Scores counted since `since` (inclusive), or all of them when `since` is null. */
function scoresSince(db: Kysely<LeaderboardDatabase>, since: Date | null) {
  const scores = db.selectFrom('scores');
  return since === null ? scores : scores.where('finished_at', '>=', since);
}

/**
 * The top players of a period by best score. Ranks follow standard competition ranking
 * (1, 2, 2, 4); players who share a rank are listed by who reached that score first.
 */
export async function topBests(
  db: Kysely<LeaderboardDatabase>,
  since: Date | null,
  limit: number,
): Promise<RankedBest[]> {
  const rows = await db
    // Each player's games, best first; the earliest of equal scores is their best (id settles exact ties).
    .with('games', () =>
      scoresSince(db, since).select((eb) => [
        'user_id',
        'score',
        'finished_at',
        eb.fn
          .agg<number>('row_number')
          .over((over) =>
            over.partitionBy('user_id').orderBy('score', 'desc').orderBy('finished_at', 'asc').orderBy('id'),
          )
          .as('nth_best'),
      ]),
    )
    .selectFrom('games')
    .select((eb) => [
      'user_id',
      'score',
      'finished_at',
      eb.fn
        .agg<number | string>('rank')
        .over((over) => over.orderBy('score', 'desc'))
        .as('rank'),
    ])
    .where('nth_best', '=', 1)
    .orderBy('score', 'desc')
    .orderBy('finished_at', 'asc')
    .orderBy('user_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    rank: toNumber(row.rank),
    userId: row.user_id,
    score: row.score,
    achievedAt: toDate(row.finished_at),
  }));
}

export interface PlayerStanding {
  /** The player's best score in the period; null when they have no game in it. */
  readonly score: number | null;
  /** Players whose best is strictly higher: the player's rank is this plus one. */
  readonly playersAhead: number;
  readonly totalPlayers: number;
}

/** One player's place in a period, however far down the board, in a single query. */
export async function playerStanding(
  db: Kysely<LeaderboardDatabase>,
  userId: string,
  since: Date | null,
): Promise<PlayerStanding> {
  // Someone's best beats the player's best exactly when one of their games does: no per-player
  // maximum is needed to count who is ahead.
  const row = await db
    .with('period_scores', () => scoresSince(db, since).select(['user_id', 'score']))
    .with('mine', (qb) =>
      qb
        .selectFrom('period_scores')
        .select((eb) => eb.fn.max('score').as('best'))
        .where('user_id', '=', userId),
    )
    .selectFrom('mine')
    .select((eb) => [
      'mine.best',
      eb
        .selectFrom('period_scores')
        .select((inner) => inner.fn.count<number | string>('user_id').distinct().as('players'))
        .whereRef('period_scores.score', '>', 'mine.best')
        .as('players_ahead'),
      eb
        .selectFrom('period_scores')
        .select((inner) => inner.fn.count<number | string>('user_id').distinct().as('players'))
        .as('total_players'),
    ])
    .executeTakeFirstOrThrow();
  return {
    score: row.best === null ? null : toNumber(row.best),
    playersAhead: toNumber(row.players_ahead),
    totalPlayers: toNumber(row.total_players),
  };
}
