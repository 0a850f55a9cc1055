import { isUniqueViolation, toBoolean, toDate, toNumber } from '@know-foolery/shared/database';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { NewQuestion, PoolMembers, Question, QuestionFilter, QuestionPool } from '../domain/question.js';
import { contentKey, type ReviewReason } from '../domain/question-rules.js';
import { decodeAlternatives, encodeAlternatives } from './alternatives-column.js';
import type { QuestionDatabase, QuestionsTable } from './schema.js';

type Db = Kysely<QuestionDatabase>;

export class DuplicateQuestionError extends Error {
  constructor() {
    super('a question with the same theme, text and answer exists');
    this.name = 'DuplicateQuestionError';
  }
}

function toQuestion(row: Selectable<QuestionsTable>): Question {
  return {
    id: row.id,
    theme: row.theme,
    text: row.text,
    answer: row.answer,
    alternatives: decodeAlternatives(row.alternatives),
    hint: row.hint,
    difficulty: row.difficulty,
    kind: row.kind,
    isActive: toBoolean(row.is_active),
    reviewReason: row.review_reason,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

/** `%` and `_` typed by an admin are literal characters, not wildcards. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`)}%`;
}

/** What the admin list and the game pool filter on; `kinds` is a pool's list of kinds. */
type Conditions = QuestionFilter & Pick<QuestionPool, 'kinds'>;

function filtered(db: Db, filter: Conditions) {
  const { theme, difficulty, kind, kinds, active, reviewReason } = filter;
  return db
    .selectFrom('questions')
    .$if(theme !== undefined, (query) => query.where('theme', '=', theme ?? ''))
    .$if(difficulty !== undefined, (query) => query.where('difficulty', '=', difficulty ?? 'medium'))
    .$if(kind !== undefined, (query) => query.where('kind', '=', kind ?? 'free_text'))
    .$if(kinds !== undefined, (query) => query.where('kind', 'in', kinds ?? []))
    .$if(active !== undefined, (query) => query.where('is_active', '=', active ?? true))
    .$if(reviewReason !== undefined, (query) =>
      query.where('review_reason', '=', reviewReason ?? 'needs_options'),
    )
    .$if(filter.text !== undefined, (query) =>
      query.where(sql<boolean>`lower(text) like ${containsPattern(filter.text ?? '')} escape '!'`),
    );
}

export async function listQuestions(
  db: Db,
  filter: QuestionFilter,
  page: { limit: number; offset: number },
): Promise<{ items: Question[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<number | string>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toQuestion), total: toNumber(count.total) };
}

export async function findQuestion(db: Db, id: string): Promise<Question | undefined> {
  const row = await db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toQuestion(row);
}

/** A question as a row: one with a review reason goes in inactive, for a curator. */
export function questionRow(
  id: string,
  question: NewQuestion & { readonly reviewReason?: ReviewReason | null },
  now: Date,
  random: number,
) {
  const reviewReason = question.reviewReason ?? null;
  return {
    id,
    theme: question.theme,
    text: question.text,
    answer: question.answer,
    alternatives: encodeAlternatives(question.alternatives),
    hint: question.hint,
    difficulty: question.difficulty,
    kind: question.kind,
    is_active: reviewReason === null,
    review_reason: reviewReason,
    content_key: contentKey(question),
    random_key: random,
    created_at: now,
    updated_at: now,
  };
}

export async function insertQuestion(
  db: Db,
  id: string,
  question: NewQuestion,
  now: Date,
): Promise<Question> {
  try {
    const row = await db
      .insertInto('questions')
      .values(questionRow(id, question, now, Math.random()))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toQuestion(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateQuestionError();
    throw error;
  }
}

export async function updateQuestion(
  db: Db,
  id: string,
  next: Omit<Question, 'id' | 'createdAt' | 'updatedAt'>,
  now: Date,
): Promise<Question | undefined> {
  try {
    const row = await db
      .updateTable('questions')
      .set({
        theme: next.theme,
        text: next.text,
        answer: next.answer,
        alternatives: encodeAlternatives(next.alternatives),
        hint: next.hint,
        difficulty: next.difficulty,
        kind: next.kind,
        is_active: next.isActive,
        review_reason: next.reviewReason,
        content_key: contentKey(next),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toQuestion(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateQuestionError();
    throw error;
  }
}

export async function themeCounts(db: Db): Promise<{ theme: string; questionCount: number }[]> {
  const rows = await db
    .selectFrom('questions')
    .select((eb) => ['theme', eb.fn.countAll<number | string>().as('count')])
    .where('is_active', '=', true)
    .groupBy('theme')
    .orderBy('theme')
    .execute();
  return rows.map((row) => ({ theme: row.theme, questionCount: toNumber(row.count) }));
}

/**
 * The active questions of a theme and difficulty (either absent: any), as id and kind, in the
 * order of their random keys: what a draw walks. Every kind is listed; a draw filters them.
 */
export async function poolMembers(
  db: Db,
  pool: Pick<QuestionPool, 'theme' | 'difficulty'>,
): Promise<PoolMembers> {
  const rows = await filtered(db, { theme: pool.theme, difficulty: pool.difficulty, active: true })
    .select(['id', 'kind'])
    .orderBy('random_key')
    .orderBy('id')
    .execute();
  return { ids: rows.map((row) => row.id), kinds: rows.map((row) => row.kind) };
}

/**
 * A random active question from the pool, skipping `excludeIds`: the first question whose
 * random_key is at or after `point`, wrapping around to the lowest key. It walks an index, so
 * the cost does not grow with the bank (unlike ORDER BY random()). Questions that follow a wide
 * gap between keys are a little likelier; over thousands of questions the skew is negligible.
 */
export async function drawQuestion(
  db: Db,
  pool: QuestionPool,
  excludeIds: readonly string[],
  point: number,
): Promise<Question | undefined> {
  const candidates = filtered(db, { ...pool, active: true })
    .selectAll()
    .$if(excludeIds.length > 0, (query) => query.where('id', 'not in', excludeIds))
    .orderBy('random_key')
    .limit(1);
  const row =
    (await candidates.where('random_key', '>=', point).executeTakeFirst()) ??
    (await candidates.executeTakeFirst());
  return row === undefined ? undefined : toQuestion(row);
}
