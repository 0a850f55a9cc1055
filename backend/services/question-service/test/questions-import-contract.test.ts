import { createTestDatabase, type TestDatabase, testDialects } from '@know-foolery/shared/testing';
import { IsArray, IsObject, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportReport } from '../src/contract/index.js';
import { questionMigrations } from '../src/data/migrations/index.js';
import type { QuestionDatabase } from '../src/data/schema.js';
import { parseUpload } from '../src/import/import-files.js';
import { importParsed } from '../src/import/importer.js';

/**
 * Where `value` has a property the schema does not describe, or lacks one it does: the route
 * serializes by the schema, so anything the importer adds would be dropped without a word.
 */
function undescribed(schema: TSchema, value: unknown, path = ''): string[] {
  if (Array.isArray(value) && IsArray(schema)) {
    return value.flatMap((item, index) => undescribed(schema.items, item, `${path}/${index}`));
  }
  if (typeof value !== 'object' || value === null || !IsObject(schema)) return [];
  const { properties } = schema;
  const names = new Set([...Object.keys(properties), ...Object.keys(value)]);
  return [...names].flatMap((name) => {
    const property = properties[name];
    if (property === undefined || !(name in value)) return [`${path}/${name}`];
    return undescribed(property, Reflect.get(value, name), `${path}/${name}`);
  });
}

describe.each(testDialects())("the import report's contract on %s", (dialect) => {
  let database: TestDatabase<QuestionDatabase>;

  beforeAll(async () => {
    database = await createTestDatabase<QuestionDatabase>(dialect, questionMigrations);
  });

  afterAll(async () => {
    await database.dispose();
  });

  it('describes every field of what the importer reports, nested ones included', async () => {
    const withEverything = [
      parseUpload(Buffer.from('#Q Fine?\n^ Yes\n\n#Q No answer?\n'), 'general.txt'),
      parseUpload(
        Buffer.from(JSON.stringify([{ theme: 'tf', text: 'Sky is blue?', answer: 'True', hint: 'Look up' }])),
        'tf.json',
      ),
      parseUpload(Buffer.from('This folder holds trivia questions.\n'), 'LICENSE'),
    ];
    const report = await importParsed(database.db, withEverything, new Date());
    expect(report.rejections).not.toHaveLength(0);
    expect(report.warnings).not.toHaveLength(0);
    expect(report.skippedFiles).not.toHaveLength(0);
    expect(undescribed(ImportReport, report)).toEqual([]);
    expect(Value.Check(ImportReport, report)).toBe(true);
  });
});
