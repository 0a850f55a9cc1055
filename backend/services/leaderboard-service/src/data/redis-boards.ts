import type { RedisClient } from '@know-foolery/shared/redis';
import type { Board, BoardLifetimes } from '../domain/board.js';
import type { PlayerBest, PlayerStanding } from '../domain/ranking.js';
import { boardKeys, decodeMember, encodeMember, gameScore, storedScore } from './redis-board-keys.js';
import {
  CLAIM_REBUILD,
  COMPLETE_REBUILD,
  READ_STANDING,
  READ_TOP,
  RECORD_BESTS,
  RELEASE_REBUILD,
} from './redis-board-scripts.js';

export type RebuildClaim = 'complete' | 'claimed' | 'busy';

/** Bests written per script call while a board is rebuilt: each call holds Redis for about a millisecond. */
const BESTS_PER_CALL = 1_000;

class UnexpectedReply extends Error {
  constructor(script: string) {
    super(`the ${script} script answered in an unexpected shape`);
    this.name = 'UnexpectedReply';
  }
}

const isInteger = (value: unknown): value is number => Number.isInteger(value);

/**
 * The boards as Redis sorted sets, one per board (see `boardKeys`), read and written only
 * through the scripts beside it. Every command goes through the process's `RedisClient`, so a
 * Redis that cannot answer throws `RedisUnavailableError` for the caller to fall back on.
 */
export class RedisBoardStore {
  readonly #redis: RedisClient;

  constructor(redis: RedisClient) {
    this.#redis = redis;
  }

  /** Keeps each player's best of `bests` and of what the board held, in calls of bounded size. */
  async record(board: Board, bests: readonly PlayerBest[], lifetimes: BoardLifetimes): Promise<void> {
    const keys = boardKeys(board);
    for (let start = 0; start < bests.length; start += BESTS_PER_CALL) {
      const args = bests
        .slice(start, start + BESTS_PER_CALL)
        .flatMap((best) => [
          best.userId,
          storedScore(best.score),
          encodeMember(best.userId, best.achievedAt),
        ]);
      await this.#redis.run('leaderboard-record', (connection) =>
        RECORD_BESTS.run(connection, [keys.ranks, keys.members], [lifetimes.dataMs, ...args]),
      );
    }
  }

  /** The first `limit` players, best first; undefined when the board is not complete. */
  async top(board: Board, limit: number): Promise<PlayerBest[] | undefined> {
    const keys = boardKeys(board);
    const reply = await this.#redis.run('leaderboard-top', (connection) =>
      READ_TOP.run(connection, [keys.complete, keys.ranks], [limit]),
    );
    if (reply === null) return undefined;
    if (!Array.isArray(reply) || reply.length % 2 !== 0) throw new UnexpectedReply('top');
    const bests: PlayerBest[] = [];
    for (let index = 0; index < reply.length; index += 2) {
      const member: unknown = reply[index];
      const score: unknown = reply[index + 1];
      const decoded = typeof member === 'string' ? decodeMember(member) : undefined;
      const stored = typeof score === 'string' ? Number(score) : Number.NaN;
      if (decoded === undefined || !Number.isInteger(stored)) throw new UnexpectedReply('top');
      bests.push({ ...decoded, score: gameScore(stored) });
    }
    return bests;
  }

  /** The player's place; undefined when the board is not complete. */
  async standing(board: Board, userId: string): Promise<PlayerStanding | undefined> {
    const keys = boardKeys(board);
    const reply = await this.#redis.run('leaderboard-standing', (connection) =>
      READ_STANDING.run(connection, [keys.complete, keys.ranks, keys.members], [userId]),
    );
    if (reply === null) return undefined;
    if (!Array.isArray(reply) || !reply.every(isInteger)) throw new UnexpectedReply('standing');
    const [players, score, ahead] = reply;
    if (players === undefined) throw new UnexpectedReply('standing');
    if (score === undefined || ahead === undefined) {
      return { score: null, playersAhead: 0, totalPlayers: players };
    }
    return { score: gameScore(score), playersAhead: ahead, totalPlayers: players };
  }

  async claimRebuild(board: Board, token: string, lockMs: number): Promise<RebuildClaim> {
    const keys = boardKeys(board);
    const reply = await this.#redis.run('leaderboard-claim-rebuild', (connection) =>
      CLAIM_REBUILD.run(connection, [keys.complete, keys.rebuildLock], [token, lockMs]),
    );
    if (reply === 'complete' || reply === 'claimed' || reply === 'busy') return reply;
    throw new UnexpectedReply('claim-rebuild');
  }

  async completeRebuild(board: Board, token: string, lifetimes: BoardLifetimes): Promise<void> {
    const keys = boardKeys(board);
    await this.#redis.run('leaderboard-complete-rebuild', (connection) =>
      COMPLETE_REBUILD.run(
        connection,
        [keys.complete, keys.rebuildLock, keys.ranks, keys.members],
        [token, lifetimes.trustedMs, lifetimes.dataMs],
      ),
    );
  }

  async releaseRebuild(board: Board, token: string): Promise<void> {
    const keys = boardKeys(board);
    await this.#redis.run('leaderboard-release-rebuild', (connection) =>
      RELEASE_REBUILD.run(connection, [keys.rebuildLock], [token]),
    );
  }

  /** Stops trusting the board: the next read rebuilds it from the database. */
  async distrust(board: Board): Promise<void> {
    const keys = boardKeys(board);
    await this.#redis.run('leaderboard-distrust', (connection) => connection.del(keys.complete));
  }
}
