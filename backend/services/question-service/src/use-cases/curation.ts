import { type AppError, badRequest, conflict, notFound } from '@know-foolery/shared/errors';
import { newId } from '@know-foolery/shared/utils';
import { QuestionErrorCode } from '../contract/error-codes.js';
import {
  DuplicateQuestionError,
  findQuestion,
  insertQuestion,
  listQuestions,
  updateQuestion,
} from '../data/question-repository.js';
import { checkAlternatives } from '../domain/alternatives.js';
import type { Question, QuestionFilter } from '../domain/question.js';
import { kindOf } from '../domain/question-kinds.js';
import type { Difficulty, QuestionKind } from '../domain/question-rules.js';
import { type QuestionDeps, themeOrReject } from './deps.js';

/** A question as an admin writes it: text as typed, and `kind` left out to have it told from the answer. */
export interface QuestionDraft {
  readonly theme: string;
  readonly text: string;
  readonly answer: string;
  readonly alternatives?: readonly string[] | undefined;
  readonly hint?: string | null | undefined;
  readonly difficulty?: Difficulty | undefined;
  readonly kind?: QuestionKind | undefined;
}

export type QuestionEdit = Partial<QuestionDraft> & { readonly isActive?: boolean | undefined };

function notFoundError(id: string): AppError {
  return notFound(`no question has the id ${id}`, QuestionErrorCode.questionNotFound);
}

function duplicateError(): AppError {
  return conflict(
    'a question with the same theme, text and answer exists',
    QuestionErrorCode.duplicateQuestion,
  );
}

/** Surrounding space is not part of a hint, and a hint of nothing but space is no hint. */
function trimmedHint(hint: string | null): string | null {
  const trimmed = hint?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function alternativesOrReject(answer: string, alternatives: readonly string[]): readonly string[] {
  const checked = checkAlternatives(answer, alternatives);
  if (!checked.ok) throw badRequest(checked.problem, QuestionErrorCode.invalidAlternatives);
  return checked.alternatives;
}

/** A true/false question is judged by the truth of its answer, so that answer must be True or False. */
function kindOrReject(kind: QuestionKind, answer: string): QuestionKind {
  if (kind === 'true_false' && kindOf(answer) !== 'true_false') {
    throw badRequest('a true/false question has the answer True or False', QuestionErrorCode.invalidKind);
  }
  return kind;
}

export async function getQuestion(deps: QuestionDeps, id: string): Promise<Question> {
  const question = await findQuestion(deps.db, id);
  if (!question) throw notFoundError(id);
  return question;
}

export function searchQuestions(
  deps: QuestionDeps,
  filter: QuestionFilter,
  page: { limit: number; offset: number },
) {
  return listQuestions(deps.db, filter, page);
}

export async function createQuestion(deps: QuestionDeps, draft: QuestionDraft): Promise<Question> {
  const answer = draft.answer.trim();
  const question = {
    theme: themeOrReject(draft.theme),
    text: draft.text.trim(),
    answer,
    alternatives: alternativesOrReject(answer, draft.alternatives ?? []),
    hint: trimmedHint(draft.hint ?? null),
    difficulty: draft.difficulty ?? 'medium',
    kind: kindOrReject(draft.kind ?? kindOf(answer), answer),
  };
  let created: Question;
  try {
    created = await insertQuestion(deps.db, newId(), question, deps.clock.now());
  } catch (error) {
    if (error instanceof DuplicateQuestionError) throw duplicateError();
    throw error;
  }
  await deps.cache.questionChanged([created.theme]);
  return created;
}

/**
 * Applies an admin's changes. Alternatives and kind are checked again when they or the answer
 * change, so an edit never leaves an alternative equal to the answer or a true/false question
 * without True or False. Activating a question clears its review reason: a curator has seen it.
 */
export async function editQuestion(deps: QuestionDeps, id: string, edit: QuestionEdit): Promise<Question> {
  const { before, updated } = await deps.db.transaction().execute(async (trx) => {
    const current = await getQuestion({ ...deps, db: trx }, id);
    const answer = edit.answer?.trim() ?? current.answer;
    const answerChanged = edit.answer !== undefined;
    const alternatives = edit.alternatives ?? current.alternatives;
    const kind = edit.kind ?? current.kind;
    const next = {
      theme: edit.theme === undefined ? current.theme : themeOrReject(edit.theme),
      text: edit.text?.trim() ?? current.text,
      answer,
      alternatives:
        answerChanged || edit.alternatives !== undefined
          ? alternativesOrReject(answer, alternatives)
          : alternatives,
      hint: edit.hint === undefined ? current.hint : trimmedHint(edit.hint),
      difficulty: edit.difficulty ?? current.difficulty,
      kind: answerChanged || edit.kind !== undefined ? kindOrReject(kind, answer) : kind,
      isActive: edit.isActive ?? current.isActive,
      reviewReason: edit.isActive === true ? null : current.reviewReason,
    };
    try {
      const stored = await updateQuestion(trx, id, next, deps.clock.now());
      if (!stored) throw notFoundError(id);
      return { before: current, updated: stored };
    } catch (error) {
      if (error instanceof DuplicateQuestionError) throw duplicateError();
      throw error;
    }
  });
  // After the commit, so no instance reloads the question as it was once the invalidation is seen.
  await deps.cache.questionChanged([before.theme, updated.theme]);
  return updated;
}
