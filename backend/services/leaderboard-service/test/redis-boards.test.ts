import {
  createTestDatabase,
  deleteKeys,
  findTestRedis,
  ManualClock,
  redisCli,
  type TestDatabase,
  testDialects,
  testKeyPrefix,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaderboardMigrations } from '../src/data/migrations/index.js';
import { boardKeys } from '../src/data/redis-board-keys.js';
import type { LeaderboardDatabase } from '../src/data/schema.js';
import { ALL_TIME_BOARD_IDLE_MS, currentBoard, WEEK_BOARD_MARGIN_MS } from '../src/domain/board.js';
import { auth, type LeaderboardHarness, startLeaderboard, submitScore } from './harness.js';
import { type CachedInstance, cachedInstance, counted, REFRESH_MS, seededRandom } from './redis-harness.js';
import { startUserServiceStub, type UserServiceStub } from './user-service-stub.js';

const url = await findTestRedis();

/** A Wednesday: its ISO week started on Monday 2025-01-06 00:00 UTC. */
const WEDNESDAY = '2025-01-08T12:00:00.000Z';
/** Few instants, so players often reach a score at the very same millisecond; some in other weeks. */
const INSTANTS = [
  '2024-12-31T08:00:00.000Z',
  '2025-01-05T23:59:59.999Z',
  '2025-01-06T00:00:00.000Z',
  '2025-01-07T09:30:00.000Z',
  '2025-01-07T09:30:00.001Z',
  '2025-01-08T11:00:00.000Z',
  '2025-01-12T23:59:59.999Z',
  '2025-01-13T00:00:00.000Z',
];
/** Ids whose byte order differs from a dictionary's: case, accents, punctuation, colons. */
const USER_IDS = [
  'alice',
  'Alice',
  'bob',
  'Bob',
  'zoë',
  'Zoe',
  'émile',
  'auth0|42',
  'p:1',
  'p-1',
  'p_1',
  '1',
];
const PERIODS = ['all', 'week'] as const;

const metricReads = 'leaderboard_board_reads_total';
const metricRebuilds = 'leaderboard_board_rebuilds_total';

describe.skipIf(url === null).each(testDialects())('boards in Redis sorted sets on %s', (dialect) => {
  const redisUrl = url ?? '';
  const keyPrefix = testKeyPrefix('leaderboard-boards');
  const clock = new ManualClock(WEDNESDAY);
  let database: TestDatabase<LeaderboardDatabase>;
  let userService: UserServiceStub;
  let instance: CachedInstance;
  let cached: LeaderboardHarness;
  let sql: LeaderboardHarness;
  let games = 0;

  beforeAll(async () => {
    database = await createTestDatabase<LeaderboardDatabase>(dialect, leaderboardMigrations);
    userService = await startUserServiceStub({ alice: 'Alice', bob: 'Bob' });
    instance = await cachedInstance(database, clock, redisUrl, keyPrefix);
    cached = await startLeaderboard(database, clock, userService.url, {
      boards: instance.boards,
      redis: instance.redis,
    });
    sql = await startLeaderboard(database, clock, userService.url);
  });

  afterAll(async () => {
    await cached?.close();
    await sql?.close();
    await instance?.close();
    await userService?.close();
    await database?.dispose();
    await deleteKeys(redisUrl, keyPrefix);
  });

  const reset = async () => {
    await database.db.deleteFrom('scores').execute();
    await deleteKeys(redisUrl, keyPrefix);
  };

  beforeEach(async () => {
    await reset();
    clock.set(WEDNESDAY);
  });

  const play = async (userId: string, score: number, finishedAt: string, app = cached) => {
    games += 1;
    const response = await submitScore(app.app, { gameId: `game-${games}`, userId, score, finishedAt });
    expect(response.statusCode).toBe(201);
  };

  const get = async (app: LeaderboardHarness, path: string, subject = 'alice') => {
    const response = await app.app.inject({
      method: 'GET',
      url: path,
      headers: { authorization: await auth.bearer(subject, ['player']) },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  const reads = (source: string) => counted(instance.metrics, metricReads, { source });
  const rebuilds = (period?: string) =>
    counted(instance.metrics, metricRebuilds, period === undefined ? {} : { period });

  /** Every board and every player's standing, read through Redis, is what SQL answers. */
  async function expectSameAsSql(players: readonly string[]) {
    for (const period of PERIODS) {
      for (const limit of [1, 2, 5, 100]) {
        const path = `/api/v1/leaderboard?period=${period}&limit=${limit}`;
        expect(await get(cached, path), path).toEqual(await get(sql, path));
      }
      for (const player of [...players, 'stranger']) {
        const path = `/api/v1/leaderboard/me?period=${period}`;
        expect(await get(cached, path, player), `${player} ${path}`).toEqual(await get(sql, path, player));
      }
    }
  }

  it.each([1, 2, 3, 4, 5])(
    'ranks a random board with ties exactly as SQL does, written score by score and rebuilt (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      // Both boards start complete and empty, so every score below reaches them one write at a time.
      for (const period of PERIODS) await get(cached, `/api/v1/leaderboard?period=${period}`);
      const players = [...USER_IDS, ...Array.from({ length: 20 }, (_, index) => `player-${index}`)].filter(
        () => random() < 0.7,
      );
      for (const player of players) {
        const gamesPlayed = 1 + Math.floor(random() * 4);
        for (let game = 0; game < gamesPlayed; game += 1) {
          await play(player, Math.floor(random() * 7), pick(INSTANTS));
        }
      }
      const fromDatabase = await reads('database');
      const rebuiltBefore = await rebuilds();

      await expectSameAsSql(players);
      expect(await reads('database')).toBe(fromDatabase);
      expect(await rebuilds()).toBe(rebuiltBefore);

      await deleteKeys(redisUrl, keyPrefix);
      await expectSameAsSql(players);
      expect(await reads('database')).toBe(fromDatabase);
      expect(await rebuilds()).toBe(rebuiltBefore + PERIODS.length);
    },
  );

  it('shows a player far below the top their own rank, tied with whoever shares their best', async () => {
    for (let player = 1; player <= 150; player += 1) {
      await play(`p${String(player).padStart(3, '0')}`, player % 50, WEDNESDAY);
    }
    const servedByRedis = await reads('redis');

    const mine = await get(cached, '/api/v1/leaderboard/me', 'p010');
    // 39 scores above 10, each reached by three players: 117 ahead, and p060 and p110 share the place.
    expect(mine).toEqual({ period: 'all', periodStart: null, rank: 118, score: 10, totalPlayers: 150 });
    expect(await get(cached, '/api/v1/leaderboard/me', 'p110')).toEqual(mine);
    expect(mine).toEqual(await get(sql, '/api/v1/leaderboard/me', 'p010'));
    const top = await get(cached, '/api/v1/leaderboard');
    expect(top.items.map((entry: { userId: string }) => entry.userId)).toEqual([
      'p049',
      'p099',
      'p149',
      'p048',
      'p098',
      'p148',
      'p047',
      'p097',
      'p147',
      'p046',
    ]);
    expect(await reads('redis')).toBe(servedByRedis + 2);
  });

  it('rebuilds a board whose keys Redis lost, once, then serves it from Redis again', async () => {
    await play('alice', 7, WEDNESDAY);
    await play('bob', 9, WEDNESDAY);
    await get(cached, '/api/v1/leaderboard');
    const rebuilt = await rebuilds('all');

    await deleteKeys(redisUrl, keyPrefix);
    await play('carol', 8, WEDNESDAY);
    const after = await get(cached, '/api/v1/leaderboard');
    expect(after.items.map((entry: { userId: string }) => entry.userId)).toEqual(['bob', 'carol', 'alice']);
    expect(await rebuilds('all')).toBe(rebuilt + 1);

    const servedByRedis = await reads('redis');
    expect(await get(cached, '/api/v1/leaderboard')).toEqual(after);
    expect(await reads('redis')).toBe(servedByRedis + 1);
    expect(await rebuilds('all')).toBe(rebuilt + 1);
  });

  it('rebuilds the current boards as it starts, only those Redis does not hold completely', async () => {
    await play('alice', 7, WEDNESDAY);
    const before = await rebuilds();

    await instance.boards.warmUp();
    expect(await rebuilds()).toBe(before + PERIODS.length);
    for (const period of PERIODS) {
      const marker = `${keyPrefix}${boardKeys(currentBoard(period, clock.now())).complete}`;
      expect(await redisCli(redisUrl, 'EXISTS', marker)).toBe('1');
    }
    await instance.boards.warmUp();
    expect(await rebuilds()).toBe(before + PERIODS.length);

    const servedByRedis = await reads('redis');
    expect((await get(cached, '/api/v1/leaderboard?period=week')).items).toMatchObject([{ userId: 'alice' }]);
    expect(await reads('redis')).toBe(servedByRedis + 1);
  });

  it('rebuilds a board once however many readers miss it at once, across instances', async () => {
    const other = await cachedInstance(database, clock, redisUrl, keyPrefix);
    const otherApp = await startLeaderboard(database, clock, userService.url, {
      boards: other.boards,
      redis: other.redis,
    });
    try {
      for (let player = 1; player <= 40; player += 1) await play(`p${player}`, player % 7, WEDNESDAY);
      const expected = await get(sql, '/api/v1/leaderboard?limit=100');
      const before =
        (await rebuilds('all')) + (await counted(other.metrics, metricRebuilds, { period: 'all' }));

      const boards = await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          get(index % 2 === 0 ? cached : otherApp, '/api/v1/leaderboard?limit=100'),
        ),
      );

      for (const board of boards) expect(board).toEqual(expected);
      const after =
        (await rebuilds('all')) + (await counted(other.metrics, metricRebuilds, { period: 'all' }));
      expect(after).toBe(before + 1);
    } finally {
      await otherApp.close();
      await other.close();
    }
  });

  it('gives every key a lifetime: a week lives until its end plus a margin', async () => {
    await play('alice', 7, WEDNESDAY);
    for (const period of PERIODS) await get(cached, `/api/v1/leaderboard?period=${period}`);
    const pttl = async (key: string) => Number(await redisCli(redisUrl, 'PTTL', `${keyPrefix}${key}`));

    const keys = (await redisCli(redisUrl, '--scan', '--pattern', `${keyPrefix}*`)).split('\n');
    expect(keys).toHaveLength(6);
    for (const key of keys) expect(Number(await redisCli(redisUrl, 'PTTL', key)), key).toBeGreaterThan(0);

    const week = boardKeys(currentBoard('week', clock.now()));
    const weekEnds = Date.parse('2025-01-13T00:00:00.000Z') + WEEK_BOARD_MARGIN_MS - clock.now().getTime();
    // The lifetimes are set from the test's clock; what has passed since is real time, well under a minute.
    for (const key of [week.ranks, week.members]) {
      expect(await pttl(key)).toBeLessThanOrEqual(weekEnds);
      expect(await pttl(key)).toBeGreaterThan(weekEnds - 60_000);
    }
    expect(await pttl(week.complete)).toBeLessThanOrEqual(REFRESH_MS);
    expect(await pttl(week.complete)).toBeGreaterThan(REFRESH_MS - 60_000);
    const allTime = boardKeys(currentBoard('all', clock.now()));
    expect(await pttl(allTime.ranks)).toBeGreaterThan(ALL_TIME_BOARD_IDLE_MS - 60_000);
  });

  it('answers from the database when Redis holds a board it cannot read', async () => {
    await play('alice', 7, WEDNESDAY);
    const keys = boardKeys(currentBoard('all', clock.now()));
    await redisCli(redisUrl, 'SET', `${keyPrefix}${keys.complete}`, '1', 'PX', '60000');
    await redisCli(redisUrl, 'SET', `${keyPrefix}${keys.ranks}`, 'not a sorted set', 'PX', '60000');
    const fromDatabase = await reads('database');

    expect(await get(cached, '/api/v1/leaderboard')).toEqual(await get(sql, '/api/v1/leaderboard'));
    expect(await get(cached, '/api/v1/leaderboard/me')).toMatchObject({ rank: 1, score: 7 });
    expect(await reads('database')).toBe(fromDatabase + 2);
  });

  it('leaves a score of a week past keeping to the database, and still counts it all-time', async () => {
    clock.set('2025-01-20T12:00:00.000Z');
    await play('alice', 7, WEDNESDAY);
    const lateWeek = boardKeys(currentBoard('week', new Date(WEDNESDAY)));
    expect(await redisCli(redisUrl, 'EXISTS', `${keyPrefix}${lateWeek.ranks}`)).toBe('0');
    const board = await get(cached, '/api/v1/leaderboard');
    expect(board.items).toMatchObject([{ userId: 'alice', score: 7 }]);
  });
});
