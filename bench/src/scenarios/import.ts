import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dataFiles,
  importParsed,
  parseFile,
  type QuestionDatabase,
} from '@know-foolery/question-service/import';
import { questionMigrations } from '@know-foolery/question-service/migrations';
import { migrateToLatest, openDatabase } from '@know-foolery/shared/database';
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Row } from '../report.js';

const BATCH = 500;

function databaseConfig(url: string) {
  return {
    url,
    poolMax: 1,
    idleTimeoutMs: 1_000,
    connectionTimeoutMs: 5_000,
    statementTimeoutMs: 0,
    sqliteBusyTimeoutMs: 5_000,
    migrateOnStart: true,
  };
}

/**
 * The importer (idempotent, batched, transactional) against the floor: the same rows written by
 * plain prepared INSERTs in transactions of the same size, with nothing checked.
 */
export async function importRows(dataSet: string): Promise<Row[]> {
  const directory = mkdtempSync(join(tmpdir(), 'kf-bench-import-'));
  try {
    const parsed = await Promise.all((await dataFiles(dataSet)).map(parseFile));
    const questions = parsed.flatMap((file) => file.result.questions);

    const imported = openDatabase<QuestionDatabase>(
      databaseConfig(`sqlite:${join(directory, 'importer.db')}`),
    );
    await migrateToLatest(imported.db as Kysely<unknown>, questionMigrations);
    const importStarted = performance.now();
    await importParsed(imported.db, parsed, new Date());
    const importMs = performance.now() - importStarted;
    await imported.close();

    const baselineFile = join(directory, 'baseline.db');
    const schema = openDatabase(databaseConfig(`sqlite:${baselineFile}`));
    await migrateToLatest(schema.db as Kysely<unknown>, questionMigrations);
    await schema.close();
    const raw = new BetterSqlite3(baselineFile);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    const insert = raw.prepare(
      'insert into questions (id, theme, text, answer, hint, difficulty, is_active, content_key, random_key, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)',
    );
    const now = new Date().toISOString();
    const insertBatch = raw.transaction((batch: typeof questions, offset: number) => {
      batch.forEach((question, index) => {
        const id = `q${offset + index}`;
        insert.run(
          id,
          question.theme,
          question.text,
          question.answer,
          question.hint,
          'medium',
          id,
          Math.random(),
          now,
          now,
        );
      });
    });
    const baselineStarted = performance.now();
    for (let start = 0; start < questions.length; start += BATCH)
      insertBatch(questions.slice(start, start + BATCH), start);
    const baselineMs = performance.now() - baselineStarted;
    raw.close();

    return [
      {
        scenario: `import baseline: plain batched INSERTs of ${questions.length} rows (SQLite)`,
        value: baselineMs,
        unit: 'ms',
      },
      {
        scenario: `importer: the same rows, deduplicated and idempotent (SQLite)`,
        value: importMs,
        unit: 'ms',
        baseline: 'plain batched INSERTs',
        ratio: importMs / baselineMs,
        note: 'ratio of durations (lower is better)',
      },
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
