import { isUniqueViolation, toBoolean, toDate, toNumber } from '@know-foolery/shared/database';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { NewQuestion, Question, QuestionFilter } from '../domain/question.js';
import { contentKey, type Difficulty } from '../domain/question-rules.js';
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
    hint: row.hint,
    difficulty: row.difficulty,
    isActive: toBoolean(row.is_active),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

/** `%` and `_` typed by an admin are literal characters, not wildcards. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`)}%`;
}

function filtered(db: Db, filter: QuestionFilter) {
  return db
    .selectFrom('questions')
    .$if(filter.theme !== undefined, (query) => query.where('theme', '=', filter.theme ?? ''))
    .$if(filter.difficulty !== undefined, (query) =>
      query.where('difficulty', '=', filter.difficulty ?? 'medium'),
    )
    .$if(filter.active !== undefined, (query) => query.where('is_active', '=', filter.active ?? true))
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

function rowFor(id: string, question: NewQuestion, now: Date, random: number) {
  return {
    id,
    theme: question.theme,
    text: question.text,
    answer: question.answer,
    hint: question.hint,
    difficulty: question.difficulty,
    is_active: true,
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
      .values(rowFor(id, question, now, Math.random()))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toQuestion(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateQuestionError();
    throw error;
  }
}

/** Inserts what is new and skips what exists (same content key); returns how many rows were new. */
export async function insertQuestionsSkippingDuplicates(
  db: Db,
  questions: readonly { id: string; question: NewQuestion }[],
  now: Date,
): Promise<number> {
  if (questions.length === 0) return 0;
  const inserted = await db
    .insertInto('questions')
    .values(questions.map(({ id, question }) => rowFor(id, question, now, Math.random())))
    .onConflict((conflict) => conflict.column('content_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
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
        hint: next.hint,
        difficulty: next.difficulty,
        is_active: next.isActive,
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

export interface PoolFilter {
  readonly theme?: string | undefined;
  readonly difficulty?: Difficulty | undefined;
}

export async function countPool(db: Db, pool: PoolFilter): Promise<number> {
  const row = await filtered(db, { ...pool, active: true })
    .select((eb) => eb.fn.countAll<number | string>().as('available'))
    .executeTakeFirstOrThrow();
  return toNumber(row.available);
}

/**
 * A random active question from the pool, skipping `excludeIds`: the first question whose
 * random_key is at or after `point`, wrapping around to the lowest key. It walks an index, so
 * the cost does not grow with the bank (unlike ORDER BY random()). Questions that follow a wide
 * gap between keys are a little likelier; over thousands of questions the skew is negligible.
 */
export async function drawQuestion(
  db: Db,
  pool: PoolFilter,
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
