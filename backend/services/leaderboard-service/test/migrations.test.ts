import { migrateToLatest, migrateToNothing } from '@know-foolery/shared/database';
import { createTestDatabase, type TestDatabase, testDialects } from '@know-foolery/shared/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaderboardMigrations } from '../src/data/migrations/index.js';
import type { LeaderboardDatabase } from '../src/data/schema.js';

describe.each(testDialects())('leaderboard migrations on %s', (dialect) => {
  let database: TestDatabase<LeaderboardDatabase>;

  beforeAll(async () => {
    database = await createTestDatabase<LeaderboardDatabase>(dialect, leaderboardMigrations);
  });

  afterAll(async () => {
    await database.dispose();
  });

  it('rolls all the way back and up again', async () => {
    const db = database.db as Kysely<unknown>;
    const tableNames = async () => (await db.introspection.getTables()).map((table) => table.name);
    expect(await tableNames()).toContain('scores');

    expect(await migrateToNothing(db, leaderboardMigrations)).toEqual(['0001-create-scores']);
    expect(await tableNames()).not.toContain('scores');

    expect(await migrateToLatest(db, leaderboardMigrations)).toEqual(['0001-create-scores']);
    expect(await tableNames()).toContain('scores');
  });
});
