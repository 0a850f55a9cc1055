import { notFound } from '@know-foolery/shared/errors';
import { QuestionErrorCode } from '../contract/error-codes.js';
import { drawQuestion, findQuestion } from '../data/question-repository.js';
import { belongsToPool, countOfKinds, drawOrder } from '../domain/pool-draw.js';
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

/**
 * Candidates from the cached pool read from the database before the draw gives up on the cache: a
 * pool holding more than this many questions that are gone is stale, and the database draws.
 */
const STALE_CANDIDATES_TOLERATED = 3;

export async function availableQuestions(deps: QuestionDeps, request: PoolRequest): Promise<number> {
  const pool = poolOf(request);
  return countOfKinds(await deps.cache.pool(deps.db, pool), pool);
}

/**
 * A question of the pool outside `excludeIds`. The cached pool says which to try; the database
 * says whether it may be served: the draw's last check reads the question itself from the
 * database, never from a cache, so a question deactivated (or moved out of the pool) before this
 * draw is never served, whichever instance took the change and whatever any cache still holds.
 * When the cached pool offers nothing more (used up, or stale), the database draws, so a stale
 * pool never ends a game early.
 */
export async function drawNext(
  deps: QuestionDeps,
  request: PoolRequest,
  excludeIds: readonly string[],
): Promise<Question> {
  const pool = poolOf(request);
  const members = await deps.cache.pool(deps.db, pool);
  let tried = 0;
  for (const id of drawOrder(members, pool, new Set(excludeIds), deps.random())) {
    const question = await findQuestion(deps.db, id);
    if (question !== undefined && belongsToPool(question, pool)) return question;
    tried += 1;
    if (tried === STALE_CANDIDATES_TOLERATED) break;
  }
  const question = await drawQuestion(deps.db, pool, excludeIds, deps.random());
  if (!question) throw notFound('no question is left in this pool', QuestionErrorCode.noQuestionsLeft);
  return question;
}
