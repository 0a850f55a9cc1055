import { type Static, Type } from 'typebox';
import {
  Alternatives,
  Answer,
  Difficulty,
  Hint,
  QUESTION_ID_PATTERN,
  QuestionKind,
  QuestionText,
  ReviewReason,
  Theme,
} from './fields.js';

/** Curation: `/internal/questions` and `/internal/questions/:id`, called with an admin's token. */

export const QuestionId = Type.Object(
  { id: Type.String({ pattern: QUESTION_ID_PATTERN }) },
  { additionalProperties: false },
);
export type QuestionId = Static<typeof QuestionId>;

export const AdminQuestion = Type.Object({
  id: Type.String(),
  theme: Type.String(),
  text: Type.String(),
  answer: Type.String(),
  alternatives: Type.Immutable(Type.Array(Type.String())),
  hint: Type.Union([Type.String(), Type.Null()]),
  difficulty: Difficulty,
  kind: QuestionKind,
  isActive: Type.Boolean(),
  reviewReason: Type.Union([ReviewReason, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AdminQuestion = Static<typeof AdminQuestion>;

/** Without `kind`, question-service tells it from the answer ("True" is a true/false question). */
export const NewQuestionBody = Type.Object(
  {
    theme: Theme,
    text: QuestionText,
    answer: Answer,
    alternatives: Type.Optional(Alternatives),
    hint: Type.Optional(Hint),
    difficulty: Type.Optional(Difficulty),
    kind: Type.Optional(QuestionKind),
  },
  { additionalProperties: false },
);
export type NewQuestionBody = Static<typeof NewQuestionBody>;

/** Activating a question (`isActive: true`) clears its review reason: a curator has looked at it. */
export const QuestionPatch = Type.Object(
  {
    theme: Type.Optional(Theme),
    text: Type.Optional(QuestionText),
    answer: Type.Optional(Answer),
    alternatives: Type.Optional(Alternatives),
    hint: Type.Optional(Hint),
    difficulty: Type.Optional(Difficulty),
    kind: Type.Optional(QuestionKind),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type QuestionPatch = Static<typeof QuestionPatch>;

export const QuestionQuery = Type.Object(
  {
    theme: Type.Optional(Theme),
    difficulty: Type.Optional(Difficulty),
    kind: Type.Optional(QuestionKind),
    active: Type.Optional(Type.Boolean()),
    reviewReason: Type.Optional(ReviewReason),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type QuestionQuery = Static<typeof QuestionQuery>;

export const QuestionPage = Type.Object({
  items: Type.Array(AdminQuestion),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type QuestionPage = Static<typeof QuestionPage>;
