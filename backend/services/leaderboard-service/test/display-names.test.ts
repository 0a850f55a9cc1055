import type { CallContext } from '@know-foolery/shared/http-client';
import {
  createTestDatabase,
  ManualClock,
  type RunningService,
  startRealService,
  type TestDatabase,
  testDialects,
} from '@know-foolery/shared/testing';
import { composeService } from '@know-foolery/user-service/compose';
import { loadConfig } from '@know-foolery/user-service/config';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CachedUserDirectory } from '../src/clients/cached-user-directory.js';
import type { UserDirectory } from '../src/clients/user-directory-client.js';
import { leaderboardMigrations } from '../src/data/migrations/index.js';
import type { LeaderboardDatabase } from '../src/data/schema.js';
import { auth, type LeaderboardHarness, startLeaderboard, submitScore } from './harness.js';

const TTL_MS = 60_000;
const context: CallContext = { requestId: 'names-1' };

/** A directory in memory that records what it was asked, standing in for user-service. */
class RecordingDirectory implements UserDirectory {
  readonly names = new Map<string, string>();
  readonly asked: string[][] = [];

  async displayNames(ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    this.asked.push([...ids]);
    return new Map(ids.flatMap((id) => (this.names.has(id) ? [[id, this.names.get(id) ?? '']] : [])));
  }
}

describe('display names kept for a bounded time', () => {
  let clock: ManualClock;
  let owner: RecordingDirectory;
  let names: CachedUserDirectory;

  beforeEach(() => {
    clock = new ManualClock('2025-01-08T12:00:00.000Z');
    owner = new RecordingDirectory();
    owner.names.set('ann', 'Ann').set('bob', 'Bob');
    names = new CachedUserDirectory(owner, { ttlMs: TTL_MS, maxEntries: 3, clock });
  });

  it('asks user-service only for the players it does not hold, once each', async () => {
    expect(await names.displayNames(['ann', 'ann'], context)).toEqual(new Map([['ann', 'Ann']]));
    expect(await names.displayNames(['ann', 'bob'], context)).toEqual(
      new Map([
        ['ann', 'Ann'],
        ['bob', 'Bob'],
      ]),
    );
    expect(await names.displayNames(['bob', 'ann'], context)).toHaveProperty('size', 2);
    expect(owner.asked).toEqual([['ann'], ['bob']]);
  });

  it('shows a rename once the bound has passed, not before', async () => {
    await names.displayNames(['ann'], context);
    owner.names.set('ann', 'Annika');

    clock.advanceSeconds(TTL_MS / 1000 - 1);
    expect((await names.displayNames(['ann'], context)).get('ann')).toBe('Ann');
    clock.advanceSeconds(1);
    expect((await names.displayNames(['ann'], context)).get('ann')).toBe('Annika');
  });

  it('remembers for the same bound that a player has no name yet', async () => {
    expect(await names.displayNames(['newcomer'], context)).toEqual(new Map());
    owner.names.set('newcomer', 'Nia');
    expect(await names.displayNames(['newcomer'], context)).toEqual(new Map());
    clock.advanceSeconds(TTL_MS / 1000);
    expect(await names.displayNames(['newcomer'], context)).toEqual(new Map([['newcomer', 'Nia']]));
  });

  it('forgets the players fetched longest ago past its size', async () => {
    for (const id of ['ann', 'bob', 'a', 'b']) await names.displayNames([id], context);
    owner.asked.length = 0;
    await names.displayNames(['bob', 'a', 'b'], context);
    expect(owner.asked).toEqual([]);
    await names.displayNames(['ann'], context);
    expect(owner.asked).toEqual([['ann']]);
  });

  it('asks every time when the bound is 0', async () => {
    const uncached = new CachedUserDirectory(owner, { ttlMs: 0, maxEntries: 3, clock });
    await uncached.displayNames(['ann'], context);
    await uncached.displayNames(['ann'], context);
    expect(owner.asked).toEqual([['ann'], ['ann']]);
  });

  it('passes a failure of user-service on, remembering nothing', async () => {
    const failing: UserDirectory = {
      displayNames: async () => {
        throw new Error('user-service is down');
      },
    };
    const cached = new CachedUserDirectory(failing, { ttlMs: TTL_MS, maxEntries: 3, clock });
    await expect(cached.displayNames(['ann'], context)).rejects.toThrow('user-service is down');
  });
});

describe.each(testDialects())(
  'a renamed player on the board, with the real user-service on %s',
  (dialect) => {
    const clock = new ManualClock('2025-01-08T12:00:00.000Z');
    let userService: RunningService;
    let database: TestDatabase<LeaderboardDatabase>;
    let leaderboard: LeaderboardHarness;

    beforeAll(async () => {
      userService = await startRealService('user', { loadConfig, start: composeService }, dialect);
      database = await createTestDatabase<LeaderboardDatabase>(dialect, leaderboardMigrations);
      leaderboard = await startLeaderboard(database, clock, userService.url, {
        users: (directory) => new CachedUserDirectory(directory, { ttlMs: TTL_MS, maxEntries: 100, clock }),
      });
    });

    afterAll(async () => {
      await leaderboard?.close();
      await database?.dispose();
      await userService?.stop();
    });

    const shownName = async () => {
      const response = await leaderboard.app.inject({
        method: 'GET',
        url: '/api/v1/leaderboard',
        headers: { authorization: await auth.bearer('rita', ['player']) },
      });
      return response.json().items[0]?.displayName;
    };

    it('shows the new name within the bound', async () => {
      const profile = { authorization: await auth.bearer('rita', ['player'], 'Rita') };
      expect((await fetch(`${userService.url}/api/v1/me`, { headers: profile })).status).toBe(200);
      const submitted = await submitScore(leaderboard.app, {
        gameId: 'rita-1',
        userId: 'rita',
        score: 4,
        finishedAt: '2025-01-08T11:00:00.000Z',
      });
      expect(submitted.statusCode).toBe(201);
      expect(await shownName()).toBe('Rita');

      const renamed = await fetch(`${userService.url}/api/v1/me`, {
        method: 'PATCH',
        headers: { ...profile, 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Rita Renamed' }),
      });
      expect(renamed.status).toBe(200);

      expect(await shownName()).toBe('Rita');
      clock.advanceSeconds(TTL_MS / 1000);
      expect(await shownName()).toBe('Rita Renamed');
    });
  },
);
