import { type DatabaseDialect, toDate, toNumber } from '@know-foolery/shared/database';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ScoreWindow } from '../domain/board.js';
import type { PlayerBest, PlayerStanding, RankedBest } from '../domain/ranking.js';
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

/** The scores a board counts: those finished in its window, or all of them. */
function scoresIn(db: Kysely<LeaderboardDatabase>, window: ScoreWindow | null) {
  const scores = db.selectFrom('scores');
  return window === null
    ? scores
    : scores.where('finished_at', '>=', window.from).where('finished_at', '<', window.until);
}

/**
 * Players who share a score and the instant they reached it are listed by user id, compared byte by
 * byte as SQLite does by default and Redis does with its members, whatever PostgreSQL's collation.
 */
function userIdBytes(dialect: DatabaseDialect) {
  return dialect === 'postgres' ? sql<string>`user_id collate "C"` : sql<string>`user_id`;
}

/** Each player's games on the board, best first: the earliest of equal scores is their best. */
function bestGames(db: Kysely<LeaderboardDatabase>, window: ScoreWindow | null) {
  return db
    .with('games', () =>
      scoresIn(db, window).select((eb) => [
        'user_id',
        'score',
        'finished_at',
        eb.fn
          .agg<number>('row_number')
          // The id only picks one of two games with the same score at the same instant: they rank alike.
          .over((over) =>
            over.partitionBy('user_id').orderBy('score', 'desc').orderBy('finished_at', 'asc').orderBy('id'),
          )
          .as('nth_best'),
      ]),
    )
    .selectFrom('games')
    .where('nth_best', '=', 1);
}

/**
 * The top players of a board by best score. Ranks follow standard competition ranking
 * (1, 2, 2, 4); players who share a rank are listed by who reached that score first, then by id.
 */
export async function topBests(
  db: Kysely<LeaderboardDatabase>,
  dialect: DatabaseDialect,
  window: ScoreWindow | null,
  limit: number,
): Promise<RankedBest[]> {
  const rows = await bestGames(db, window)
    .select((eb) => [
      'user_id',
      'score',
      'finished_at',
      eb.fn
        .agg<number | string>('rank')
        .over((over) => over.orderBy('score', 'desc'))
        .as('rank'),
    ])
    .orderBy('score', 'desc')
    .orderBy('finished_at', 'asc')
    .orderBy(userIdBytes(dialect))
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    rank: toNumber(row.rank),
    userId: row.user_id,
    score: row.score,
    achievedAt: toDate(row.finished_at),
  }));
}

/** Every player's best on a board, in no particular order: what a cached board is rebuilt from. */
export async function allBests(
  db: Kysely<LeaderboardDatabase>,
  window: ScoreWindow | null,
): Promise<PlayerBest[]> {
  const rows = await bestGames(db, window).select(['user_id', 'score', 'finished_at']).execute();
  return rows.map((row) => ({ userId: row.user_id, score: row.score, achievedAt: toDate(row.finished_at) }));
}

/** One player's place on a board, however far down, in a single query. */
export async function playerStanding(
  db: Kysely<LeaderboardDatabase>,
  userId: string,
  window: ScoreWindow | null,
): Promise<PlayerStanding> {
  // Someone's best beats the player's best exactly when one of their games does: no per-player
  // maximum is needed to count who is ahead.
  const row = await db
    .with('period_scores', () => scoresIn(db, window).select(['user_id', 'score']))
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
