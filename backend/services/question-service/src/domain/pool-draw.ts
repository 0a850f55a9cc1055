import type { PoolMembers, Question, QuestionPool } from './question.js';

/**
 * The ids a draw may pick, in the order it tries them: from `point` (in [0, 1)) of the way along
 * the pool, wrapping around, skipping the excluded ids and the kinds the pool leaves out. The pool
 * is in random-key order, so any starting point is as likely as any other, as in the database's
 * own draw.
 */
export function* drawOrder(
  members: PoolMembers,
  pool: Pick<QuestionPool, 'kinds'>,
  excluded: ReadonlySet<string>,
  point: number,
): Generator<string> {
  const count = members.ids.length;
  const start = Math.min(count - 1, Math.max(0, Math.floor(point * count)));
  for (let step = 0; step < count; step += 1) {
    const index = (start + step) % count;
    const id = members.ids[index];
    const kind = members.kinds[index];
    if (id === undefined || kind === undefined || excluded.has(id)) continue;
    if (pool.kinds !== undefined && !pool.kinds.includes(kind)) continue;
    yield id;
  }
}

/** How many of the pool's members are of its kinds. */
export function countOfKinds(members: PoolMembers, pool: Pick<QuestionPool, 'kinds'>): number {
  const { kinds } = pool;
  if (kinds === undefined) return members.ids.length;
  return members.kinds.reduce((count, kind) => (kinds.includes(kind) ? count + 1 : count), 0);
}

/** Whether a question, as stored now, may be drawn for the pool: active, and of its theme, difficulty and kinds. */
export function belongsToPool(question: Question, pool: QuestionPool): boolean {
  return (
    question.isActive &&
    (pool.theme === undefined || question.theme === pool.theme) &&
    (pool.difficulty === undefined || question.difficulty === pool.difficulty) &&
    (pool.kinds === undefined || pool.kinds.includes(question.kind))
  );
}
