import { badRequest, conflict, notFound } from '@know-foolery/shared/errors';
import { type Clock, newId } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import {
  countPool,
  DuplicateQuestionError,
  drawQuestion,
  findQuestion,
  insertQuestion,
  listQuestions,
  type PoolFilter,
  themeCounts,
  updateQuestion,
} from '../data/question-repository.js';
import type { QuestionDatabase } from '../data/schema.js';
import type { NewQuestion, Question, QuestionChanges, QuestionFilter } from '../domain/question.js';
import { isValidTheme, normalizeTheme } from '../domain/question-rules.js';
import { type ImportFormat, parseDocument } from '../import/import-files.js';
import { type ImportReport, importParsed } from '../import/importer.js';

export interface QuestionDeps {
  readonly db: Kysely<QuestionDatabase>;
  readonly clock: Clock;
  readonly random: () => number;
}

export function themeOrReject(raw: string): string {
  const theme = normalizeTheme(raw);
  if (!isValidTheme(theme))
    throw badRequest(`"${raw}" is not a theme: use letters, digits and dashes`, 'INVALID_THEME');
  return theme;
}

function duplicate(): never {
  throw conflict('a question with the same theme, text and answer exists', 'DUPLICATE_QUESTION');
}

export async function getQuestion(deps: QuestionDeps, id: string): Promise<Question> {
  const question = await findQuestion(deps.db, id);
  if (!question) throw notFound(`no question has the id ${id}`, 'QUESTION_NOT_FOUND');
  return question;
}

export function listThemes(deps: QuestionDeps) {
  return themeCounts(deps.db);
}

export function searchQuestions(
  deps: QuestionDeps,
  filter: QuestionFilter,
  page: { limit: number; offset: number },
) {
  return listQuestions(deps.db, filter, page);
}

export async function createQuestion(deps: QuestionDeps, input: NewQuestion): Promise<Question> {
  try {
    return await insertQuestion(
      deps.db,
      newId(),
      { ...input, theme: themeOrReject(input.theme) },
      deps.clock.now(),
    );
  } catch (error) {
    if (error instanceof DuplicateQuestionError) duplicate();
    throw error;
  }
}

export async function editQuestion(
  deps: QuestionDeps,
  id: string,
  changes: QuestionChanges,
): Promise<Question> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await getQuestion({ ...deps, db: trx }, id);
    const next = {
      theme: changes.theme === undefined ? current.theme : themeOrReject(changes.theme),
      text: changes.text ?? current.text,
      answer: changes.answer ?? current.answer,
      hint: changes.hint === undefined ? current.hint : changes.hint,
      difficulty: changes.difficulty ?? current.difficulty,
      isActive: changes.isActive ?? current.isActive,
    };
    try {
      const updated = await updateQuestion(trx, id, next, deps.clock.now());
      if (!updated) throw notFound(`no question has the id ${id}`, 'QUESTION_NOT_FOUND');
      return updated;
    } catch (error) {
      if (error instanceof DuplicateQuestionError) duplicate();
      throw error;
    }
  });
}

export function availableQuestions(deps: QuestionDeps, pool: PoolFilter): Promise<number> {
  return countPool(deps.db, pool);
}

export async function drawNext(
  deps: QuestionDeps,
  pool: PoolFilter,
  excludeIds: readonly string[],
): Promise<Question> {
  const question = await drawQuestion(deps.db, pool, excludeIds, deps.random());
  if (!question) throw notFound('no question is left in this pool', 'NO_QUESTIONS_LEFT');
  return question;
}

export function importDocument(
  deps: QuestionDeps,
  document: { format: ImportFormat; fileName: string; content: string },
): Promise<ImportReport> {
  let result: ReturnType<typeof parseDocument>;
  try {
    result = parseDocument(document.format, document.fileName, document.content);
  } catch (error) {
    throw badRequest(
      error instanceof Error ? error.message : 'the document cannot be read',
      'INVALID_IMPORT',
    );
  }
  return importParsed(deps.db, [{ file: document.fileName, result }], deps.clock.now());
}
