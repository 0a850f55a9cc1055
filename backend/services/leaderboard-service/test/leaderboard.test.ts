import {
  createTestDatabase,
  ManualClock,
  type TestDatabase,
  testDialects,
} from '@know-foolery/shared/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaderboardMigrations } from '../src/data/migrations/index.js';
import type { LeaderboardDatabase } from '../src/data/schema.js';
import { auth, type LeaderboardHarness, startLeaderboard, submitScore } from './harness.js';
import { closedPortUrl, startUserServiceStub, type UserServiceStub } from './user-service-stub.js';

/** A Wednesday: its ISO week started on Monday 2025-01-06 00:00 UTC. */
const WEDNESDAY = '2025-01-08T12:00:00.000Z';
const NAMES = { alice: 'Alice', bob: 'Bob', carol: 'Carol', dave: 'Dave' };

describe.each(testDialects())('leaderboard on %s', (dialect) => {
  let database: TestDatabase<LeaderboardDatabase>;
  let userService: UserServiceStub;
  let leaderboard: LeaderboardHarness;
  const clock = new ManualClock(WEDNESDAY);
  let games = 0;

  const play = async (userId: string, score: number, finishedAt: string) => {
    games += 1;
    const response = await submitScore(leaderboard.app, {
      gameId: `game-${games}`,
      userId,
      score,
      finishedAt,
    });
    expect(response.statusCode).toBe(201);
  };

  const get = async (url: string, subject = 'alice') =>
    leaderboard.app.inject({
      method: 'GET',
      url,
      headers: { authorization: await auth.bearer(subject, ['player']), 'x-request-id': 'board-request-1' },
    });

  beforeAll(async () => {
    database = await createTestDatabase<LeaderboardDatabase>(dialect, leaderboardMigrations);
    userService = await startUserServiceStub(NAMES);
    leaderboard = await startLeaderboard(database, clock, userService.url);
  });

  afterAll(async () => {
    await leaderboard.close();
    await userService.close();
    await database.dispose();
  });

  beforeEach(async () => {
    await database.db.deleteFrom('scores').execute();
    clock.set(WEDNESDAY);
    userService.answerWith(null);
  });

  it("ranks each player's best game with competition ranking, ties by who got there first", async () => {
    await play('alice', 4, '2025-01-02T09:00:00.000Z');
    await play('alice', 10, '2025-01-03T09:00:00.000Z');
    await play('alice', 10, '2025-01-01T10:00:00.000Z');
    await play('bob', 12, '2025-01-04T09:00:00.000Z');
    await play('carol', 10, '2025-01-01T09:00:00.000Z');
    await play('dave', 8, '2025-01-01T08:00:00.000Z');

    const response = await get('/api/v1/leaderboard?period=all');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      period: 'all',
      periodStart: null,
      items: [
        { rank: 1, userId: 'bob', displayName: 'Bob', score: 12, achievedAt: '2025-01-04T09:00:00.000Z' },
        { rank: 2, userId: 'carol', displayName: 'Carol', score: 10, achievedAt: '2025-01-01T09:00:00.000Z' },
        // Alice first reached her best, 10, on Jan 1st at 10:00: an hour after Carol, so listed after her.
        { rank: 2, userId: 'alice', displayName: 'Alice', score: 10, achievedAt: '2025-01-01T10:00:00.000Z' },
        { rank: 4, userId: 'dave', displayName: 'Dave', score: 8, achievedAt: '2025-01-01T08:00:00.000Z' },
      ],
    });
  });

  it('defaults to all time and 10 entries, and honours a smaller limit', async () => {
    for (let player = 1; player <= 12; player += 1) await play(`p${player}`, player, WEDNESDAY);

    const byDefault = (await get('/api/v1/leaderboard')).json();
    expect(byDefault.period).toBe('all');
    expect(byDefault.items.map((entry: { score: number }) => entry.score)).toEqual([
      12, 11, 10, 9, 8, 7, 6, 5, 4, 3,
    ]);

    const limited = (await get('/api/v1/leaderboard?limit=2')).json();
    expect(limited.items.map((entry: { userId: string }) => entry.userId)).toEqual(['p12', 'p11']);
  });

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['limit=ten'],
    ['limit=1.5'],
    ['period=month'],
    ['period=all&sort=asc'],
  ])('rejects ?%s with 400', async (query) => {
    const response = await get(`/api/v1/leaderboard?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });

  it('counts a week from Monday 00:00 UTC: a Sunday 23:59 game belongs to the week before', async () => {
    clock.set('2025-01-05T23:59:30.000Z');
    await play('alice', 50, '2025-01-05T23:59:00.000Z');
    const sunday = (await get('/api/v1/leaderboard?period=week')).json();
    expect(sunday.periodStart).toBe('2024-12-30T00:00:00.000Z');
    expect(sunday.items.map((entry: { userId: string }) => entry.userId)).toEqual(['alice']);

    clock.set('2025-01-06T00:00:00.000Z');
    await play('bob', 5, '2025-01-06T00:00:00.000Z');
    const monday = (await get('/api/v1/leaderboard?period=week')).json();
    expect(monday.periodStart).toBe('2025-01-06T00:00:00.000Z');
    expect(monday.items).toEqual([
      { rank: 1, userId: 'bob', displayName: 'Bob', score: 5, achievedAt: '2025-01-06T00:00:00.000Z' },
    ]);

    const allTime = (await get('/api/v1/leaderboard?period=all')).json();
    expect(allTime.items.map((entry: { userId: string }) => entry.userId)).toEqual(['alice', 'bob']);
  });

  it("ranks a week by the players' best games within that week", async () => {
    await play('alice', 90, '2025-01-02T12:00:00.000Z');
    await play('alice', 3, '2025-01-07T12:00:00.000Z');
    await play('bob', 7, '2025-01-07T13:00:00.000Z');

    const week = (await get('/api/v1/leaderboard?period=week')).json();
    expect(
      week.items.map(({ userId, score, rank }: { userId: string; score: number; rank: number }) => ({
        userId,
        score,
        rank,
      })),
    ).toEqual([
      { userId: 'bob', score: 7, rank: 1 },
      { userId: 'alice', score: 3, rank: 2 },
    ]);

    const mine = (await get('/api/v1/leaderboard/me?period=week', 'alice')).json();
    expect(mine).toEqual({
      period: 'week',
      periodStart: '2025-01-06T00:00:00.000Z',
      rank: 2,
      score: 3,
      totalPlayers: 2,
    });
  });

  it('shows a player far down the board their own rank, tied with whoever shares their best', async () => {
    for (let player = 1; player <= 30; player += 1) await play(`p${player}`, player * 10, WEDNESDAY);
    await play('alice', 30, '2025-01-07T00:00:00.000Z');
    await play('alice', 5, '2025-01-07T01:00:00.000Z');

    const board = (await get('/api/v1/leaderboard')).json();
    expect(board.items).toHaveLength(10);
    expect(board.items.some((entry: { userId: string }) => entry.userId === 'alice')).toBe(false);

    const mine = await get('/api/v1/leaderboard/me', 'alice');
    expect(mine.statusCode).toBe(200);
    // 27 players scored more than 30 (p4..p30); p3 also has 30, so both are 28th.
    expect(mine.json()).toEqual({ period: 'all', periodStart: null, rank: 28, score: 30, totalPlayers: 31 });
    expect((await get('/api/v1/leaderboard/me', 'p3')).json()).toMatchObject({ rank: 28, score: 30 });
    expect((await get('/api/v1/leaderboard/me', 'p30')).json()).toMatchObject({ rank: 1, score: 300 });
  });

  it('gives no rank and no score to a player without a game in the period', async () => {
    await play('bob', 5, '2025-01-01T00:00:00.000Z');
    await play('alice', 9, '2025-01-01T00:00:00.000Z');

    const week = await get('/api/v1/leaderboard/me?period=week', 'alice');
    expect(week.json()).toEqual({
      period: 'week',
      periodStart: '2025-01-06T00:00:00.000Z',
      rank: null,
      score: null,
      totalPlayers: 0,
    });
    const never = await get('/api/v1/leaderboard/me?period=all', 'newcomer');
    expect(never.json()).toMatchObject({ rank: null, score: null, totalPlayers: 2 });
  });

  it('rejects an unknown period for my rank', async () => {
    const response = await get('/api/v1/leaderboard/me?period=year');
    expect(response.statusCode).toBe(400);
  });

  it("looks names up with the leaderboard's own identity, carrying the request id", async () => {
    await play('alice', 5, WEDNESDAY);
    await play('stranger', 4, WEDNESDAY);
    const before = userService.lookups.length;

    const response = await get('/api/v1/leaderboard', 'alice');
    expect(response.json().items.map((entry: { displayName: string | null }) => entry.displayName)).toEqual([
      'Alice',
      null,
    ]);

    expect(userService.lookups).toHaveLength(before + 1);
    const headers = userService.lookups.at(-1);
    expect(headers?.['x-request-id']).toBe('board-request-1');
    const token = headers?.authorization?.replace(/^Bearer /, '') ?? '';
    await expect(auth.provider.verifyAccessToken(token)).resolves.toMatchObject({
      id: 'service:leaderboard',
      roles: ['service'],
    });
  });

  it('does not call user-service for an empty board', async () => {
    const before = userService.lookups.length;
    const response = await get('/api/v1/leaderboard');
    expect(response.json().items).toEqual([]);
    expect(userService.lookups).toHaveLength(before);
  });

  it.each([
    ['answers 503', { status: 503, body: { status: 503, code: 'UNAVAILABLE', detail: 'down' } }],
    ['answers in an unexpected shape', { status: 200, body: { names: ['Alice'] } }],
  ])('still answers when user-service %s: names are null and a warning is logged', async (_case, answer) => {
    await play('alice', 5, WEDNESDAY);
    userService.answerWith(answer);
    const warnings = await withCapturedLogs(async (harness) => {
      const response = await harness.app.inject({
        method: 'GET',
        url: '/api/v1/leaderboard',
        headers: { authorization: await auth.bearer('alice', ['player']) },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toEqual([
        { rank: 1, userId: 'alice', displayName: null, score: 5, achievedAt: WEDNESDAY },
      ]);
    }, userService.url);
    expect(warnings).toHaveLength(1);
  });

  it('still answers when nothing listens where user-service should be', async () => {
    await play('alice', 5, WEDNESDAY);
    const warnings = await withCapturedLogs(
      async (harness) => {
        const response = await harness.app.inject({
          method: 'GET',
          url: '/api/v1/leaderboard?period=week',
          headers: { authorization: await auth.bearer('alice', ['player']) },
        });
        expect(response.statusCode).toBe(200);
        expect(response.json().items[0]).toMatchObject({ userId: 'alice', displayName: null });
      },
      await closedPortUrl(),
    );
    expect(warnings).toHaveLength(1);
  });

  it('answers 401 without a token', async () => {
    const response = await leaderboard.app.inject({ method: 'GET', url: '/api/v1/leaderboard' });
    expect(response.statusCode).toBe(401);
  });

  /** Runs `use` against an app whose logger is captured; returns the warnings it logged. */
  async function withCapturedLogs(
    use: (harness: LeaderboardHarness) => Promise<void>,
    userServiceUrl: string,
  ): Promise<unknown[]> {
    const lines: { level: number }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const harness = await startLeaderboard(database, clock, userServiceUrl, { logger });
    try {
      await use(harness);
    } finally {
      await harness.close();
    }
    return lines.filter((line) => line.level === 40);
  }
});
