import { createTestDatabase, type TestDatabase, testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionMigrations } from '../src/data/migrations/index.js';
import type { QuestionDatabase } from '../src/data/schema.js';
import { parseDocument } from '../src/import/import-files.js';
import { type ImportProgress, importParsed } from '../src/import/importer.js';

const json = (file: string, entries: unknown[]) => ({
  file,
  result: parseDocument('json', file, JSON.stringify(entries)),
});

describe.each(testDialects())('importing on %s', (dialect) => {
  let database: TestDatabase<QuestionDatabase>;

  beforeAll(async () => {
    database = await createTestDatabase<QuestionDatabase>(dialect, questionMigrations);
  });

  afterAll(async () => {
    await database.dispose();
  });

  it('reports its progress after each theme it wrote', async () => {
    const progress: ImportProgress[] = [];
    await importParsed(
      database.db,
      [
        json('a.json', [
          { theme: 'progress-one', text: 'One?', answer: 'One' },
          { theme: 'progress-two', text: 'Two?', answer: 'Two' },
          { theme: 'progress-two', text: 'Three?', answer: 'Three' },
        ]),
      ],
      new Date(),
      { onProgress: (step) => progress.push(step) },
    );
    expect(progress).toEqual([
      { theme: 'progress-one', themesDone: 1, themes: 2, imported: 1 },
      { theme: 'progress-two', themesDone: 2, themes: 2, imported: 2 },
    ]);
  });

  it('stores the difficulty an entry names, and medium when it names none', async () => {
    await importParsed(
      database.db,
      [
        json('b.json', [
          { theme: 'difficulty', text: 'Hard?', answer: 'Yes', difficulty: 'hard' },
          { theme: 'difficulty', text: 'Unsaid?', answer: 'Yes' },
        ]),
      ],
      new Date(),
    );
    const rows = await database.db
      .selectFrom('questions')
      .select(['text', 'difficulty'])
      .where('theme', '=', 'difficulty')
      .orderBy('text')
      .execute();
    expect(rows).toEqual([
      { text: 'Hard?', difficulty: 'hard' },
      { text: 'Unsaid?', difficulty: 'medium' },
    ]);
  });
});
