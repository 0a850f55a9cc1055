import { migrateDown, migrateToLatest } from '@know-foolery/shared/database';
import { createTestDatabase, type TestDatabase, testDialects } from '@know-foolery/shared/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionMigrations } from '../src/data/migrations/index.js';
import type { QuestionDatabase } from '../src/data/schema.js';
import { insertQuestions } from './factories.js';

describe.each(testDialects())('question migration 0002-question-kinds on %s', (dialect) => {
  let database: TestDatabase<QuestionDatabase>;

  const columns = async () => {
    const tables = await (database.db as Kysely<unknown>).introspection.getTables();
    return tables.find((table) => table.name === 'questions')?.columns.map((column) => column.name) ?? [];
  };

  beforeAll(async () => {
    database = await createTestDatabase<QuestionDatabase>(dialect, questionMigrations);
  });

  afterAll(async () => {
    await database.dispose();
  });

  it('rolls back to the first schema, keeping the questions, and comes up again with defaults', async () => {
    await insertQuestions(database.db, 3, { theme: 'kept', kind: 'true_false', answer: 'True' });
    const db = database.db as Kysely<unknown>;

    expect(await migrateDown(db, questionMigrations)).toEqual(['0002-question-kinds']);
    expect(await columns()).not.toContain('kind');
    expect(await columns()).not.toContain('alternatives');
    expect(await columns()).not.toContain('review_reason');

    expect(await migrateToLatest(db, questionMigrations)).toEqual(['0002-question-kinds']);
    const rows = await database.db
      .selectFrom('questions')
      .select(['kind', 'alternatives', 'review_reason'])
      .where('theme', '=', 'kept')
      .execute();
    expect(rows).toEqual(
      Array.from({ length: 3 }, () => ({ kind: 'free_text', alternatives: '[]', review_reason: null })),
    );
  });

  it.each([
    ['kind', sql`update questions set kind = 'multiple_choice'`],
    ['review_reason', sql`update questions set review_reason = 'too_easy'`],
  ])('refuses a %s the domain does not know', async (_column, update) => {
    await expect(update.execute(database.db)).rejects.toThrow();
  });
});
