import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import { deleteKeys, findTestRedis, testKeyPrefix, testRedisConfig } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisBoardStore } from '../src/data/redis-boards.js';
import { currentBoard } from '../src/domain/board.js';

const url = await findTestRedis();

const board = currentBoard('all', new Date());
const lifetimes = { dataMs: 60_000, trustedMs: 30_000 };
const at = (instant: string) => new Date(`2025-01-08T${instant}Z`);
const best = (userId: string, score: number, instant: string) => ({ userId, score, achievedAt: at(instant) });

describe.skipIf(url === null)('the board store on Redis', () => {
  const redisUrl = url ?? '';
  const keyPrefix = testKeyPrefix('leaderboard-store');
  let redis: RedisClient;
  let store: RedisBoardStore;

  beforeAll(async () => {
    redis = new RedisClient({
      config: testRedisConfig({ keyPrefix }),
      url: redisUrl,
      metrics: createMetricsRegistry(),
    });
    await redis.connect();
    store = new RedisBoardStore(redis);
  });

  afterAll(async () => {
    await redis?.close();
    await deleteKeys(redisUrl, keyPrefix);
  });

  beforeEach(async () => {
    await deleteKeys(redisUrl, keyPrefix);
  });

  /** The whole board, read as a complete one. */
  async function everything() {
    const token = 'reader';
    expect(await store.claimRebuild(board, token, 10_000)).toBe('claimed');
    await store.completeRebuild(board, token, lifetimes);
    return store.top(board, 100);
  }

  it('keeps each player’s best whatever order the scores come in, the earliest of equal ones', async () => {
    await store.record(board, [best('ann', 5, '10:00:00.000'), best('ann', 9, '12:00:00.000')], lifetimes);
    await store.record(board, [best('ann', 9, '11:00:00.000'), best('ann', 9, '13:00:00.000')], lifetimes);
    await store.record(board, [best('ann', 2, '09:00:00.000'), best('bob', 9, '11:00:00.000')], lifetimes);

    expect(await everything()).toEqual([
      { userId: 'ann', score: 9, achievedAt: at('11:00:00.000') },
      { userId: 'bob', score: 9, achievedAt: at('11:00:00.000') },
    ]);
  });

  it('lists a score of 0 and a player whose id holds a colon', async () => {
    await store.record(board, [best('auth0|x:1', 0, '10:00:00.000')], lifetimes);
    expect(await everything()).toEqual([{ userId: 'auth0|x:1', score: 0, achievedAt: at('10:00:00.000') }]);
  });

  it('answers nothing from a board that is not complete, however much it holds', async () => {
    await store.record(board, [best('ann', 5, '10:00:00.000')], lifetimes);
    expect(await store.top(board, 10)).toBeUndefined();
    expect(await store.standing(board, 'ann')).toBeUndefined();
  });

  it('counts the players strictly ahead for a standing, and all of them', async () => {
    await store.record(
      board,
      [best('a', 9, '10:00:00.000'), best('b', 7, '10:00:00.000'), best('c', 7, '09:00:00.000')],
      lifetimes,
    );
    await everything();
    expect(await store.standing(board, 'b')).toEqual({ score: 7, playersAhead: 1, totalPlayers: 3 });
    expect(await store.standing(board, 'a')).toEqual({ score: 9, playersAhead: 0, totalPlayers: 3 });
    expect(await store.standing(board, 'nobody')).toEqual({ score: null, playersAhead: 0, totalPlayers: 3 });
  });

  it('lets one caller claim a rebuild, and none once the board is complete', async () => {
    expect(await store.claimRebuild(board, 'first', 10_000)).toBe('claimed');
    expect(await store.claimRebuild(board, 'second', 10_000)).toBe('busy');
    // Another holder's token does not release the lock.
    await store.releaseRebuild(board, 'second');
    expect(await store.claimRebuild(board, 'second', 10_000)).toBe('busy');
    await store.completeRebuild(board, 'first', lifetimes);
    // A reader that saw the board missing before it was completed does not rebuild it again.
    expect(await store.claimRebuild(board, 'late', 10_000)).toBe('complete');
  });

  it('frees the lock of a failed rebuild for the next caller', async () => {
    expect(await store.claimRebuild(board, 'first', 10_000)).toBe('claimed');
    await store.releaseRebuild(board, 'first');
    expect(await store.claimRebuild(board, 'second', 10_000)).toBe('claimed');
  });

  it('stops trusting a board: the next reader has to rebuild it', async () => {
    await everything();
    await store.distrust(board);
    expect(await store.top(board, 10)).toBeUndefined();
    expect(await store.claimRebuild(board, 'next', 10_000)).toBe('claimed');
  });
});
