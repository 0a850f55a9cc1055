import { createTestDatabase, type TestDatabase, testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endedGamesWithoutRecordedScore,
  endGame,
  findGame,
  insertGameQuestion,
  markScoreRecorded,
} from '../src/data/game-repository.js';
import { gameMigrations } from '../src/data/migrations/index.js';
import type { GameDatabase } from '../src/data/schema.js';
import { aGame } from './factories.js';
import { BANK } from './fakes.js';

describe.each(testDialects())('the rows of games on %s', (dialect) => {
  let database: TestDatabase<GameDatabase>;

  beforeAll(async () => {
    database = await createTestDatabase<GameDatabase>(dialect, gameMigrations);
  });

  afterAll(async () => {
    await database.dispose();
  });

  it('finds no game for an unknown id, and a game in play with no end', async () => {
    expect(await findGame(database.db, 'no-such-game')).toBeUndefined();
    const game = await aGame(database.db);
    expect(await findGame(database.db, game.id)).toMatchObject({
      status: 'active',
      endedAt: null,
      endReason: null,
    });
  });

  it('ends a game once: whoever comes second is told it had already ended', async () => {
    const game = await aGame(database.db);
    const now = new Date();
    expect(await endGame(database.db, game.id, 'finished', now)).toBe(true);
    expect(await endGame(database.db, game.id, 'expired', now)).toBe(false);
    expect(await findGame(database.db, game.id)).toMatchObject({ status: 'finished', endReason: 'finished' });
  });

  it("lists the ended games whose score the leaderboard has not taken, until it is marked taken, and no other's", async () => {
    const [playing, ended, other] = await Promise.all([
      aGame(database.db),
      aGame(database.db),
      aGame(database.db),
    ]);
    await endGame(database.db, ended.id, 'finished', new Date());
    await endGame(database.db, other.id, 'finished', new Date());
    const pendingIds = async () =>
      (await endedGamesWithoutRecordedScore(database.db, 1_000)).map((game) => game.id);
    expect(await pendingIds()).toEqual(expect.arrayContaining([ended.id, other.id]));
    expect(await pendingIds()).not.toContain(playing.id);

    await markScoreRecorded(database.db, ended.id);
    expect((await findGame(database.db, ended.id))?.scoreRecorded).toBe(true);
    expect(await pendingIds()).not.toContain(ended.id);
    expect(await pendingIds()).toContain(other.id);
  });

  it('fails, rather than saying another request was first, to serve a question in a game that does not exist', async () => {
    const [question] = BANK;
    if (question === undefined) throw new Error('the bank is empty');
    await expect(
      insertGameQuestion(database.db, 'gq-orphan', 'no-such-game', question, new Date()),
    ).rejects.toThrow();
  });
});
