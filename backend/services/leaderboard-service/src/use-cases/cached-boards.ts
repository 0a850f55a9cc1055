import type { MetricsRegistry } from '@know-foolery/shared/observability';
import { RedisUnavailableError } from '@know-foolery/shared/redis';
import { type Clock, errorMessage, newId } from '@know-foolery/shared/utils';
import type { RedisBoardStore } from '../data/redis-boards.js';
import { allBests } from '../data/score-repository.js';
import {
  type Board,
  boardLifetimes,
  boardName,
  boardsOfScore,
  boardWindow,
  currentBoard,
} from '../domain/board.js';
import { PERIODS } from '../domain/period.js';
import { competitionRanks, type PlayerStanding, type RankedBest } from '../domain/ranking.js';
import type { GameScore } from '../domain/score.js';
import { BoardMetrics } from './board-metrics.js';
import { type BoardDatabase, type Boards, SqlBoards } from './boards.js';

export interface BoardLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface CachedBoardsOptions {
  readonly database: BoardDatabase;
  readonly store: RedisBoardStore;
  readonly clock: Clock;
  /** How long a complete board is trusted before it is rebuilt from the database. */
  readonly refreshMs: number;
  readonly metrics: MetricsRegistry;
  readonly log: BoardLog;
  /** How long a rebuild may hold its board's lock; a holder that died frees it after this. */
  readonly rebuildLockMs?: number;
}

/** A rebuild of 100,000 players takes a few seconds; past this, another instance may start over. */
const DEFAULT_REBUILD_LOCK_MS = 30_000;

/** A board whose write failed, noted under a fresh identity each time it fails. */
interface Distrusted {
  readonly board: Board;
}

/**
 * The boards as Redis sorted sets in front of the database, which stays the truth: every score is
 * in the database before it is written here, and a board Redis does not hold completely (lost,
 * expired, never built) is rebuilt from the database under a lock, so concurrent misses across
 * every instance rebuild it once while the others answer from the database.
 *
 * When Redis cannot answer, reads and writes go to the database alone (any other Redis failure is
 * logged as an error and answered the same way). A board whose write failed
 * may be missing that score, so this instance stops trusting it (deletes its completeness mark)
 * before its next use of Redis, and reads from the database until then; another instance may show
 * it without the score for at most `refreshMs`, when every board is rebuilt anyway.
 */
export class CachedBoards implements Boards {
  readonly #database: BoardDatabase;
  readonly #sql: SqlBoards;
  readonly #store: RedisBoardStore;
  readonly #clock: Clock;
  readonly #refreshMs: number;
  readonly #rebuildLockMs: number;
  readonly #metrics: BoardMetrics;
  readonly #log: BoardLog;
  readonly #rebuilding = new Map<string, Promise<boolean>>();
  readonly #distrusted = new Map<string, Distrusted>();
  #redisDown = false;

  constructor(options: CachedBoardsOptions) {
    this.#database = options.database;
    this.#sql = new SqlBoards(options.database);
    this.#store = options.store;
    this.#clock = options.clock;
    this.#refreshMs = options.refreshMs;
    this.#rebuildLockMs = options.rebuildLockMs ?? DEFAULT_REBUILD_LOCK_MS;
    this.#metrics = new BoardMetrics(options.metrics);
    this.#log = options.log;
  }

  async top(board: Board, limit: number): Promise<RankedBest[]> {
    const bests = await this.#fromRedis(board, () => this.#store.top(board, limit));
    return bests === undefined ? this.#sql.top(board, limit) : competitionRanks(bests);
  }

  async standing(board: Board, userId: string): Promise<PlayerStanding> {
    const standing = await this.#fromRedis(board, () => this.#store.standing(board, userId));
    return standing ?? this.#sql.standing(board, userId);
  }

  async recorded(score: GameScore): Promise<void> {
    const now = this.#clock.now();
    const best = { userId: score.userId, score: score.score, achievedAt: score.finishedAt };
    await Promise.all(
      boardsOfScore(score.finishedAt).map(async (board) => {
        const lifetimes = boardLifetimes(board, now, this.#refreshMs);
        if (lifetimes === null) return;
        try {
          await this.#forgetDistrusted();
          await this.#store.record(board, [best], lifetimes);
          this.#redisAnswered();
        } catch (error) {
          this.#distrusted.set(boardName(board), { board });
          this.#metrics.writeFailures.inc({ period: board.period });
          this.#failed(error, board);
        }
      }),
    );
  }

  /** Rebuilds the current boards Redis does not hold completely, as a process starts. */
  async warmUp(): Promise<void> {
    const now = this.#clock.now();
    for (const period of PERIODS) {
      const board = currentBoard(period, now);
      try {
        await this.#forgetDistrusted();
        await this.#rebuild(board);
      } catch (error) {
        this.#failed(error, board);
      }
    }
  }

  /** Reads a complete board from Redis, rebuilding it first when it is not; undefined: ask the database. */
  async #fromRedis<T>(board: Board, read: () => Promise<T | undefined>): Promise<T | undefined> {
    try {
      await this.#forgetDistrusted();
      const hit = await read();
      this.#redisAnswered();
      if (hit !== undefined) {
        this.#metrics.read(board.period, 'redis');
        return hit;
      }
      const rebuilt = (await this.#rebuild(board)) ? await read() : undefined;
      this.#metrics.read(board.period, rebuilt === undefined ? 'database' : 'rebuilt');
      return rebuilt;
    } catch (error) {
      // Whatever went wrong in Redis (down, or a reply this code cannot read), the database answers.
      this.#failed(error, board);
      this.#metrics.read(board.period, 'database');
      return undefined;
    }
  }

  /**
   * True once the board is complete in Redis: rebuilt by this call, by another caller in this
   * process (they share one rebuild), or by another instance. False while another instance holds
   * the lock, or when the board is past keeping.
   */
  #rebuild(board: Board): Promise<boolean> {
    const name = boardName(board);
    const running = this.#rebuilding.get(name);
    if (running !== undefined) return running;
    const rebuild = this.#rebuildOnce(board).finally(() => this.#rebuilding.delete(name));
    this.#rebuilding.set(name, rebuild);
    return rebuild;
  }

  async #rebuildOnce(board: Board): Promise<boolean> {
    const lifetimes = boardLifetimes(board, this.#clock.now(), this.#refreshMs);
    if (lifetimes === null) return false;
    const token = newId();
    const claim = await this.#store.claimRebuild(board, token, this.#rebuildLockMs);
    if (claim !== 'claimed') return claim === 'complete';
    try {
      const started = performance.now();
      const bests = await allBests(this.#database.db, boardWindow(board));
      await this.#store.record(board, bests, lifetimes);
      await this.#store.completeRebuild(board, token, lifetimes);
      this.#metrics.rebuilds.inc({ period: board.period });
      this.#log.info(
        { board: boardName(board), players: bests.length, ms: Math.round(performance.now() - started) },
        'leaderboard rebuilt in Redis from the database',
      );
      return true;
    } catch (error) {
      // Freed now so another caller can retry at once; should this fail too, the lock expires.
      await this.#store.releaseRebuild(board, token).catch(() => undefined);
      throw error;
    }
  }

  /** Deletes the completeness marks of the boards whose writes failed; throws while Redis is down. */
  async #forgetDistrusted(): Promise<void> {
    for (const [name, entry] of this.#distrusted) {
      await this.#store.distrust(entry.board);
      // A write that failed again meanwhile left a new entry, which stays.
      if (this.#distrusted.get(name) === entry) this.#distrusted.delete(name);
    }
  }

  #failed(error: unknown, board: Board): void {
    if (!(error instanceof RedisUnavailableError)) {
      this.#log.error(
        { err: error, board: boardName(board) },
        'a leaderboard could not use Redis: it is answered from the database',
      );
      return;
    }
    if (this.#redisDown) return;
    this.#redisDown = true;
    this.#log.warn(
      { error: errorMessage(error) },
      'Redis is unavailable: leaderboards are read from and written to the database only',
    );
  }

  #redisAnswered(): void {
    if (!this.#redisDown) return;
    this.#redisDown = false;
    this.#log.info({}, 'Redis answers again: leaderboards are served from Redis');
  }
}
