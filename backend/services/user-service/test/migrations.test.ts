import { migrateDown, migrateToLatest } from '@know-foolery/shared/database';
import { createTestDatabase, type TestDatabase, testDialects } from '@know-foolery/shared/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userMigrations } from '../src/data/migrations/index.js';
import type { UserDatabase } from '../src/data/schema.js';
import { findUser } from '../src/data/user-repository.js';
import { aUser } from './factories.js';

const IDENTITY_COLUMNS = [
  'identity_name',
  'preferred_username',
  'email',
  'email_verified',
  'locale',
  'identity_refreshed_at',
];

describe.each(testDialects())('user-service migrations on %s', (dialect) => {
  let database: TestDatabase<UserDatabase>;

  beforeAll(async () => {
    database = await createTestDatabase<UserDatabase>(dialect, userMigrations);
  });

  afterAll(async () => {
    await database.dispose();
  });

  it('adds the identity columns to the profiles there are, and takes them away again', async () => {
    const db = database.db as Kysely<unknown>;
    const columns = async () =>
      (await db.introspection.getTables())
        .find((table) => table.name === 'users')
        ?.columns.map((column) => column.name) ?? [];
    const existing = await aUser(database.db, { displayName: 'Before Sign In' });
    expect(await columns()).toEqual(expect.arrayContaining(IDENTITY_COLUMNS));

    expect(await migrateDown(db, userMigrations)).toEqual(['0002-add-identity-profile']);
    for (const column of IDENTITY_COLUMNS) expect(await columns()).not.toContain(column);

    expect(await migrateToLatest(db, userMigrations)).toEqual(['0002-add-identity-profile']);
    expect(await findUser(database.db, existing.id)).toEqual({ ...existing, identity: null });
  });
});
