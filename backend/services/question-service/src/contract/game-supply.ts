import { type Static, Type } from 'typebox';
import { QUESTION_KINDS } from '../domain/question-rules.js';
import { Difficulty, QuestionKind, Theme } from './fields.js';

/** What game-service asks for with its own identity: `/internal/questions/pool` and `/draw`. */

/** The kinds a game plays; absent, every kind. In a query string: `?kinds=free_text&kinds=true_false`. */
const Kinds = Type.Array(QuestionKind, { minItems: 1, maxItems: QUESTION_KINDS.length, uniqueItems: true });

export const PoolQuery = Type.Object(
  { theme: Type.Optional(Theme), difficulty: Type.Optional(Difficulty), kinds: Type.Optional(Kinds) },
  { additionalProperties: false },
);
export type PoolQuery = Static<typeof PoolQuery>;

export const PoolSize = Type.Object({ available: Type.Integer({ minimum: 0 }) });
export type PoolSize = Static<typeof PoolSize>;

export const DrawBody = Type.Object(
  {
    theme: Type.Optional(Theme),
    difficulty: Type.Optional(Difficulty),
    kinds: Type.Optional(Kinds),
    excludeIds: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type DrawBody = Static<typeof DrawBody>;

export const DrawnQuestion = Type.Object({
  question: Type.Object({
    id: Type.String(),
    theme: Type.String(),
    difficulty: Difficulty,
    kind: QuestionKind,
    text: Type.String(),
    answer: Type.String(),
    alternatives: Type.Immutable(Type.Array(Type.String())),
    hint: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type DrawnQuestion = Static<typeof DrawnQuestion>;
