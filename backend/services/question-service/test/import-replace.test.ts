import { toBoolean } from '@know-foolery/shared/database';
import { createTestDatabase, type TestDatabase, testDialects } from '@know-foolery/shared/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionMigrations } from '../src/data/migrations/index.js';
import type { QuestionDatabase } from '../src/data/schema.js';
import { parseDocument } from '../src/import/import-files.js';
import { type ImportMode, importParsed } from '../src/import/importer.js';

/** An OpenTriviaQA file of `theme` holding one block per question text, each answered "Yes". */
const themeFile = (theme: string, texts: readonly string[]) => ({
  file: theme,
  result: parseDocument('opentriviaqa', theme, texts.map((text) => `#Q ${text}\n^ Yes\n`).join('\n')),
});

describe.each(testDialects())('replace mode on %s', (dialect) => {
  let database: TestDatabase<QuestionDatabase>;

  const load = (mode: ImportMode, ...files: ReturnType<typeof themeFile>[]) =>
    importParsed(database.db, files, new Date(), { mode });
  const rows = (theme: string) =>
    database.db
      .selectFrom('questions')
      .select(['text', 'is_active', 'review_reason'])
      .where('theme', '=', theme)
      .orderBy('text')
      .execute()
      .then((found) => found.map((row) => ({ ...row, is_active: toBoolean(row.is_active) })));
  const active = async (theme: string) =>
    (await rows(theme)).filter((row) => row.is_active).map((row) => row.text);

  beforeAll(async () => {
    database = await createTestDatabase<QuestionDatabase>(dialect, questionMigrations);
  });

  afterAll(async () => {
    await database.dispose();
  });

  it("makes a theme's active questions exactly the file's, keeping the rows it retires", async () => {
    await load('add', themeFile('rivers', ['A?', 'B?', 'C?']), themeFile('lakes', ['L?']));
    const report = await load('replace', themeFile('rivers', ['B?', 'C corrected?', 'D?']));
    expect(report).toMatchObject({ read: 3, imported: 2, duplicates: 1, reactivated: 0, deactivated: 2 });
    expect(await active('rivers')).toEqual(['B?', 'C corrected?', 'D?']);
    expect((await rows('rivers')).map((row) => row.text)).toEqual(['A?', 'B?', 'C corrected?', 'C?', 'D?']);
    expect(await active('lakes')).toEqual(['L?']);
  });

  it('changes nothing when the same file replaces its theme again', async () => {
    await load('replace', themeFile('seas', ['North?', 'Baltic?']));
    const again = await load('replace', themeFile('seas', ['North?', 'Baltic?']));
    expect(again).toMatchObject({ imported: 0, duplicates: 2, reactivated: 0, deactivated: 0 });
  });

  it('leaves the bank alone in add mode: nothing is deactivated', async () => {
    await load('add', themeFile('bays', ['Hudson?', 'Biscay?']));
    const report = await load('add', themeFile('bays', ['Bengal?']));
    expect(report).toMatchObject({ imported: 1, deactivated: 0 });
    expect(await active('bays')).toEqual(['Bengal?', 'Biscay?', 'Hudson?']);
  });

  it('brings back an inactive question the file holds again, unless it is still flagged for review', async () => {
    const flagged = '#Q Which are islands?\n^ All of these\nA Bali\nB All of these\n';
    const islands = (...texts: string[]) => ({
      file: 'islands',
      result: parseDocument(
        'opentriviaqa',
        'islands',
        [flagged, ...texts.map((text) => `#Q ${text}\n^ Yes\n`)].join('\n'),
      ),
    });
    await importParsed(database.db, [islands('Bali?', 'Java?')], new Date(), { mode: 'add' });
    expect(await load('replace', themeFile('islands', ['Java?']))).toMatchObject({ deactivated: 1 });
    expect(await active('islands')).toEqual(['Java?']);

    const back = await importParsed(database.db, [islands('Bali?', 'Java?')], new Date(), {
      mode: 'replace',
    });
    expect(back).toMatchObject({ imported: 0, reactivated: 1, deactivated: 0 });
    expect(await rows('islands')).toEqual([
      { text: 'Bali?', is_active: true, review_reason: null },
      { text: 'Java?', is_active: true, review_reason: null },
      { text: 'Which are islands?', is_active: false, review_reason: 'needs_options' },
    ]);
  });

  it('clears a review flag the file no longer raises and brings the question back', async () => {
    await load('add', themeFile('capes', ['Horn?']));
    await database.db
      .updateTable('questions')
      .set({ is_active: false, review_reason: 'needs_options' })
      .where('theme', '=', 'capes')
      .execute();
    expect(await load('replace', themeFile('capes', ['Horn?']))).toMatchObject({ reactivated: 1 });
    expect(await rows('capes')).toEqual([{ text: 'Horn?', is_active: true, review_reason: null }]);
  });

  it('replaces nothing from a file that gives no valid question', async () => {
    await load('add', themeFile('deltas', ['Nile delta?']));
    const report = await load('replace', {
      file: 'deltas',
      result: parseDocument('opentriviaqa', 'deltas', '#Q No answer here\n'),
    });
    expect(report).toMatchObject({ rejected: 1, deactivated: 0 });
    expect(await active('deltas')).toEqual(['Nile delta?']);
  });

  describe('when writing a theme fails', () => {
    beforeAll(async () => {
      // A real failure inside the theme's transaction, after its new questions were inserted:
      // the database refuses to deactivate the question "Sentinel?".
      if (dialect === 'sqlite') {
        await sql`create trigger refuse_sentinel before update of is_active on questions
          when new.text = 'Sentinel?' and new.is_active = 0
          begin select raise(abort, 'refused'); end`.execute(database.db);
      } else {
        await sql`create function refuse_sentinel() returns trigger language plpgsql as
          $$ begin raise exception 'refused'; end $$`.execute(database.db);
        await sql`create trigger refuse_sentinel before update on questions for each row
          when (new.text = 'Sentinel?' and not new.is_active) execute function refuse_sentinel()`.execute(
          database.db,
        );
      }
    });

    afterAll(async () => {
      await sql`drop trigger refuse_sentinel${dialect === 'postgres' ? sql` on questions` : sql``}`.execute(
        database.db,
      );
    });

    it('leaves that theme as it was, and keeps the themes written before it', async () => {
      await load('add', themeFile('ponds', ['Sentinel?', 'Old pond?']), themeFile('creeks', ['Old creek?']));
      const failure = load(
        'replace',
        themeFile('creeks', ['New creek?']),
        themeFile('ponds', ['Old pond?', 'New pond?']),
      );
      await expect(failure).rejects.toThrow(/refused/);
      expect(await rows('ponds')).toEqual([
        { text: 'Old pond?', is_active: true, review_reason: null },
        { text: 'Sentinel?', is_active: true, review_reason: null },
      ]);
      expect(await active('creeks')).toEqual(['New creek?']);
    });
  });
});
