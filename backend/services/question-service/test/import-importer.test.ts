import { toBoolean } from '@know-foolery/shared/database';
import { createTestDatabase, type TestDatabase, testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionMigrations } from '../src/data/migrations/index.js';
import type { QuestionDatabase } from '../src/data/schema.js';
import { parseDocument } from '../src/import/import-files.js';
import { importParsed } from '../src/import/importer.js';
import { LISTED_IN_REPORT } from '../src/import/parse-summary.js';

const MIB = 1024 * 1024;
const opentriviaqa = (file: string, content: string) => ({
  file,
  result: parseDocument('opentriviaqa', file, content),
});
const json = (file: string, entries: unknown[]) => ({
  file,
  result: parseDocument('json', file, JSON.stringify(entries)),
});

describe.each(testDialects())('the importer on %s', (dialect) => {
  let database: TestDatabase<QuestionDatabase>;
  const stored = (theme: string) =>
    database.db
      .selectFrom('questions')
      .select(['text', 'answer', 'alternatives', 'hint', 'kind', 'is_active', 'review_reason'])
      .where('theme', '=', theme)
      .orderBy('text')
      .execute()
      .then((rows) => rows.map((row) => ({ ...row, is_active: toBoolean(row.is_active) })));

  beforeAll(async () => {
    database = await createTestDatabase<QuestionDatabase>(dialect, questionMigrations);
  });

  afterAll(async () => {
    await database.dispose();
  });

  it('stores each kind as the game plays it and counts the kinds', async () => {
    const report = await importParsed(
      database.db,
      [
        opentriviaqa(
          'animals',
          [
            '#Q Which animal does not hibernate?\n^ Sloth\nA Mouse\nB Sloth\n',
            '#Q Snakes are deaf.\n^ True\nA True\nB False\n',
            '#Q What do skunks eat?\n^ All of these\nA Insects\nB Fruit\nC All of these\n',
          ].join('\n'),
        ),
      ],
      new Date(),
    );
    expect(report).toMatchObject({
      read: 3,
      imported: 3,
      duplicates: 0,
      byKind: { free_text: 1, true_false: 1, needs_options: 1 },
    });
    expect(await stored('animals')).toEqual([
      {
        text: 'Snakes are deaf.',
        answer: 'True',
        alternatives: '[]',
        hint: null,
        kind: 'true_false',
        is_active: true,
        review_reason: null,
      },
      {
        text: 'What do skunks eat?',
        answer: 'All of these',
        alternatives: '[]',
        hint: 'One of: Insects, Fruit, All of these',
        kind: 'free_text',
        is_active: false,
        review_reason: 'needs_options',
      },
      {
        text: 'Which animal does not hibernate?',
        answer: 'Sloth',
        alternatives: '[]',
        hint: 'One of: Mouse, Sloth',
        kind: 'free_text',
        is_active: true,
        review_reason: null,
      },
    ]);
  });

  it('stores the alternatives and kind of JSON entries, and imports the same entries once', async () => {
    const entries = [
      { theme: 'peaks', text: 'Highest mountain?', answer: 'Mount Everest', alternatives: ['Everest'] },
      { theme: 'peaks', text: 'K2 is in Nepal.', answer: 'False', kind: 'true_false' },
    ];
    const first = await importParsed(database.db, [json('peaks.json', entries)], new Date());
    expect(first).toMatchObject({ imported: 2, byKind: { free_text: 1, true_false: 1, needs_options: 0 } });
    expect((await stored('peaks')).map(({ alternatives, kind }) => [alternatives, kind])).toEqual([
      ['["Everest"]', 'free_text'],
      ['[]', 'true_false'],
    ]);
    const again = await importParsed(database.db, [json('peaks.json', entries)], new Date());
    expect(again).toMatchObject({ read: 2, imported: 0, duplicates: 2 });
  });

  it('counts a question that two files of one import share once', async () => {
    const block = '#Q Longest river?\n^ Nile\n';
    const report = await importParsed(
      database.db,
      [opentriviaqa('rivers', block), opentriviaqa('rivers.txt', block)],
      new Date(),
    );
    expect(report).toMatchObject({ read: 2, imported: 1, duplicates: 1 });
  });

  it('reports the files that hold no questions as skipped, not as rejected blocks', async () => {
    const report = await importParsed(
      database.db,
      [
        opentriviaqa('LICENSE', 'Attribution-ShareAlike 4.0\n\nSection 1.\n'),
        opentriviaqa('lakes', '#Q Deepest lake?\n^ Baikal\n'),
      ],
      new Date(),
    );
    expect(report).toMatchObject({
      read: 1,
      imported: 1,
      rejected: 0,
      skippedFiles: [{ file: 'LICENSE', reason: expect.stringMatching(/no line starts with #Q/) }],
    });
  });

  // A file of ~8 MiB (the upload limit) of "#Q" lines is 2.8 million rejected blocks: spreading them
  // into one push() call overflowed the stack.
  it('imports a file of millions of rejected blocks, counting them all and listing the first ones', async () => {
    const blocks = Math.floor((8 * MIB) / 3) - 20;
    const content = `#Q Deepest ocean?\n^ Pacific\n${'#Q\n'.repeat(blocks)}`;
    const report = await importParsed(database.db, [opentriviaqa('oceans', content)], new Date());
    expect(report).toMatchObject({
      read: blocks + 1,
      imported: 1,
      rejected: blocks,
      rejectedByReason: { empty_question: blocks },
      rejectionsOmitted: blocks - LISTED_IN_REPORT,
    });
    expect(report.rejections).toHaveLength(LISTED_IN_REPORT);
    expect(report.rejections[0]).toEqual({ reason: 'empty_question', file: 'oceans', line: 3, excerpt: '' });
  });

  it('lists the first warnings and counts the others', async () => {
    const damaged = Array.from({ length: LISTED_IN_REPORT + 5 }, (_, i) => `#Q Caf\uFFFD ${i}?\n^ Coffee\n`);
    const report = await importParsed(database.db, [opentriviaqa('cafes', damaged.join(''))], new Date());
    expect(report).toMatchObject({ imported: LISTED_IN_REPORT + 5, warningsOmitted: 5 });
    expect(report.warnings).toHaveLength(LISTED_IN_REPORT);
    expect(report.warnings[1]).toEqual({ file: 'cafes', line: 3, message: expect.stringMatching(/U\+FFFD/) });
  });
});
