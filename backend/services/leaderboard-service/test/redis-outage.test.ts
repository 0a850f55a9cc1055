import {
  createTestDatabase,
  freePort,
  ManualClock,
  RedisProcesses,
  redisServerInstalled,
  type TestDatabase,
  testDialects,
  waitFor,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaderboardMigrations } from '../src/data/migrations/index.js';
import { boardKeys } from '../src/data/redis-board-keys.js';
import type { LeaderboardDatabase } from '../src/data/schema.js';
import { currentBoard } from '../src/domain/board.js';
import { auth, type LeaderboardHarness, startLeaderboard, submitScore } from './harness.js';
import { type CachedInstance, cachedInstance, counted } from './redis-harness.js';
import { closedPortUrl } from './user-service-stub.js';

const canStartServers = await redisServerInstalled();
const WEDNESDAY = '2025-01-08T12:00:00.000Z';
/** Every write reaches the disk before it is acknowledged, so a killed server comes back with it. */
const DURABLE = ['--appendonly', 'yes', '--appendfsync', 'always'];

/** A leaderboard on its own redis-server, which the test kills and starts again on the same port. */
interface Rig {
  readonly processes: RedisProcesses;
  readonly port: number;
  readonly instance: CachedInstance;
  readonly app: LeaderboardHarness;
}

describe.skipIf(!canStartServers).each(testDialects())(
  'boards while Redis goes away and comes back, on %s',
  (dialect) => {
    const clock = new ManualClock(WEDNESDAY);
    let database: TestDatabase<LeaderboardDatabase>;
    let userServiceUrl: string;
    const rigs: Rig[] = [];
    let games = 0;

    beforeAll(async () => {
      database = await createTestDatabase<LeaderboardDatabase>(dialect, leaderboardMigrations);
      userServiceUrl = await closedPortUrl();
    });

    afterAll(async () => {
      for (const rig of rigs) {
        await rig.app.close();
        await rig.instance.close();
        await rig.processes.stopAll();
      }
      await database?.dispose();
    });

    async function startRig(serverArguments: readonly string[]): Promise<Rig> {
      await database.db.deleteFrom('scores').execute();
      const processes = new RedisProcesses();
      const port = await freePort();
      await processes.startServer(port, serverArguments);
      const instance = await cachedInstance(database, clock, `redis://127.0.0.1:${port}`, 'kf-test:');
      const app = await startLeaderboard(database, clock, userServiceUrl, {
        boards: instance.boards,
        redis: instance.redis,
      });
      const rig = { processes, port, instance, app };
      rigs.push(rig);
      return rig;
    }

    async function stopServer(rig: Rig) {
      rig.processes.kill(rig.port);
      await waitFor('the server to be gone', () =>
        rig.processes.cli(rig.port, 'PING').then(
          () => false,
          () => true,
        ),
      );
    }

    const play = async (rig: Rig, userId: string, score: number) => {
      games += 1;
      const response = await submitScore(rig.app.app, {
        gameId: `game-${games}`,
        userId,
        score,
        finishedAt: WEDNESDAY,
      });
      expect(response.statusCode).toBe(201);
    };

    const get = async (rig: Rig, path: string, subject = 'alice') => {
      const response = await rig.app.app.inject({
        method: 'GET',
        url: path,
        headers: { authorization: await auth.bearer(subject, ['player']) },
      });
      expect(response.statusCode).toBe(200);
      return response.json();
    };

    const ranking = async (rig: Rig, period = 'all') =>
      (await get(rig, `/api/v1/leaderboard?period=${period}`)).items.map(
        (entry: { userId: string; score: number; rank: number }) => [entry.userId, entry.score, entry.rank],
      );

    const reads = (rig: Rig, source: string) =>
      counted(rig.instance.metrics, 'leaderboard_board_reads_total', { source });

    /** Reads until a read is answered from Redis again (the breaker lets a trial through, the board is rebuilt). */
    async function untilServedByRedis(rig: Rig) {
      await waitFor('a board served from Redis again', async () => {
        const before = (await reads(rig, 'redis')) + (await reads(rig, 'rebuilt'));
        await ranking(rig);
        return (await reads(rig, 'redis')) + (await reads(rig, 'rebuilt')) > before;
      });
    }

    it('records and ranks from the database while Redis is down, and rebuilds what Redis lost', async () => {
      const rig = await startRig([]);
      await play(rig, 'alice', 5);
      await play(rig, 'bob', 7);
      expect(await ranking(rig)).toEqual([
        ['bob', 7, 1],
        ['alice', 5, 2],
      ]);
      expect(await reads(rig, 'rebuilt')).toBe(1);

      await stopServer(rig);
      await play(rig, 'carol', 9);
      await play(rig, 'dave', 7);
      const fromDatabase = await reads(rig, 'database');
      expect(await ranking(rig)).toEqual([
        ['carol', 9, 1],
        ['bob', 7, 2],
        ['dave', 7, 2],
        ['alice', 5, 4],
      ]);
      expect(await ranking(rig, 'week')).toHaveLength(4);
      expect(await get(rig, '/api/v1/leaderboard/me', 'dave')).toMatchObject({
        rank: 2,
        score: 7,
        totalPlayers: 4,
      });
      expect(await reads(rig, 'database')).toBe(fromDatabase + 3);
      const ready = await rig.app.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'degraded', checks: { redis: { status: 'degraded' } } });

      // Back, and empty: a server without persistence lost every board.
      await rig.processes.startServer(rig.port);
      await untilServedByRedis(rig);
      expect(await ranking(rig)).toEqual([
        ['carol', 9, 1],
        ['bob', 7, 2],
        ['dave', 7, 2],
        ['alice', 5, 4],
      ]);
      expect(await get(rig, '/api/v1/leaderboard/me', 'dave')).toMatchObject({ rank: 2, score: 7 });
    });

    it('does not trust a board that came back without a score written while Redis was away', async () => {
      const rig = await startRig(DURABLE);
      await play(rig, 'alice', 5);
      expect(await ranking(rig)).toEqual([['alice', 5, 1]]);

      await stopServer(rig);
      await play(rig, 'erin', 11);

      await rig.processes.startServer(rig.port, DURABLE);
      // The server kept the board, still marked complete, without Erin: her write never reached it.
      const keys = boardKeys(currentBoard('all', clock.now()));
      expect(await rig.processes.cli(rig.port, 'ZCARD', `kf-test:${keys.ranks}`)).toBe('1');
      expect(await rig.processes.cli(rig.port, 'EXISTS', `kf-test:${keys.complete}`)).toBe('1');

      await untilServedByRedis(rig);
      const servedByRedis = await reads(rig, 'redis');
      expect(await ranking(rig)).toEqual([
        ['erin', 11, 1],
        ['alice', 5, 2],
      ]);
      expect(await reads(rig, 'redis')).toBe(servedByRedis + 1);
      expect(await rig.processes.cli(rig.port, 'ZCARD', `kf-test:${keys.ranks}`)).toBe('2');
    });
  },
);
