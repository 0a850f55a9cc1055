import { toBoolean } from '@know-foolery/shared/database';
import type { Kysely } from 'kysely';
import type { NewQuestion } from '../domain/question.js';
import { contentKey, type ReviewReason } from '../domain/question-rules.js';
import { questionRow } from './question-repository.js';
import type { QuestionDatabase } from './schema.js';

type Db = Kysely<QuestionDatabase>;

/** A question as an import writes it: one with a review reason goes in inactive, for a curator. */
export type ImportedQuestion = NewQuestion & { readonly reviewReason?: ReviewReason | null };

export interface ImportRow {
  readonly id: string;
  readonly question: ImportedQuestion;
}

/** Rows per statement: 500 rows of 14 columns stay far below SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH_SIZE = 500;

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH_SIZE)
    result.push(items.slice(start, start + BATCH_SIZE));
  return result;
}

/** Inserts what is new and skips what exists (same content key); returns how many rows were new. */
export async function insertQuestionsSkippingDuplicates(
  db: Db,
  rows: readonly ImportRow[],
  now: Date,
): Promise<number> {
  let inserted = 0;
  for (const batch of batches(rows)) {
    const written = await db
      .insertInto('questions')
      .values(batch.map((row) => questionRow(row.id, row.question, now, Math.random())))
      .onConflict((conflict) => conflict.column('content_key').doNothing())
      .returning('id')
      .execute();
    inserted += written.length;
  }
  return inserted;
}

/** What writing one theme did. */
export interface ThemeWrite {
  readonly inserted: number;
  readonly reactivated: number;
  readonly deactivated: number;
}

/**
 * Makes a theme's active questions exactly `rows` (all of that theme): new ones are inserted,
 * stored ones that are inactive come back (unless flagged for review and flagged again now: a flag
 * the import no longer raises is cleared), and active ones that are not among `rows` are
 * deactivated, never deleted, so their game statistics stay. Run it in a transaction.
 */
export async function replaceThemeQuestions(
  db: Db,
  theme: string,
  rows: readonly ImportRow[],
  now: Date,
): Promise<ThemeWrite> {
  const stored = await db
    .selectFrom('questions')
    .select(['id', 'content_key', 'is_active', 'review_reason'])
    .where('theme', '=', theme)
    .execute();
  const incoming = new Map(rows.map((row) => [contentKey(row.question), row]));
  const reactivate: string[] = [];
  const deactivate: string[] = [];
  for (const row of stored) {
    const question = incoming.get(row.content_key)?.question;
    incoming.delete(row.content_key);
    const active = toBoolean(row.is_active);
    if (question === undefined) {
      if (active) deactivate.push(row.id);
      continue;
    }
    const stillFlagged = row.review_reason !== null && (question.reviewReason ?? null) !== null;
    if (!active && !stillFlagged) reactivate.push(row.id);
  }
  // What is left of the incoming questions is not stored yet.
  const inserted = await insertQuestionsSkippingDuplicates(db, [...incoming.values()], now);
  for (const ids of batches(reactivate)) {
    await db
      .updateTable('questions')
      .set({ is_active: true, review_reason: null, updated_at: now })
      .where('id', 'in', ids)
      .execute();
  }
  for (const ids of batches(deactivate)) {
    await db
      .updateTable('questions')
      .set({ is_active: false, updated_at: now })
      .where('id', 'in', ids)
      .execute();
  }
  return { inserted, reactivated: reactivate.length, deactivated: deactivate.length };
}
