import { notFound } from '@know-foolery/shared/errors';
import { QuestionErrorCode } from '../contract/error-codes.js';
import { countPool, drawQuestion } from '../data/question-repository.js';
import type { Question, QuestionPool } from '../domain/question.js';
import { type Difficulty, QUESTION_KINDS, type QuestionKind } from '../domain/question-rules.js';
import { type QuestionDeps, themeOrReject } from './deps.js';

/** A pool as a game asks for it: a theme as typed, and any list of kinds. */
export interface PoolRequest {
  readonly theme?: string | undefined;
  readonly difficulty?: Difficulty | undefined;
  readonly kinds?: readonly QuestionKind[] | undefined;
}

/**
 * The pool in the form that draws fastest: a list naming every kind filters nothing, so it is
 * dropped and the draw walks the indexes that ignore kind.
 */
function poolOf(request: PoolRequest): QuestionPool {
  const kinds = request.kinds === undefined ? undefined : [...new Set(request.kinds)];
  const everyKind = kinds !== undefined && QUESTION_KINDS.every((kind) => kinds.includes(kind));
  return {
    theme: request.theme === undefined ? undefined : themeOrReject(request.theme),
    difficulty: request.difficulty,
    kinds: everyKind ? undefined : kinds,
  };
}

export function availableQuestions(deps: QuestionDeps, pool: PoolRequest): Promise<number> {
  return countPool(deps.db, poolOf(pool));
}

export async function drawNext(
  deps: QuestionDeps,
  pool: PoolRequest,
  excludeIds: readonly string[],
): Promise<Question> {
  const question = await drawQuestion(deps.db, poolOf(pool), excludeIds, deps.random());
  if (!question) throw notFound('no question is left in this pool', QuestionErrorCode.noQuestionsLeft);
  return question;
}
