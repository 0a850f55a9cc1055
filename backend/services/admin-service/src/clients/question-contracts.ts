import { type Static, Type } from 'typebox';

/** question-service's admin contract (`/internal/questions...`), written once for the client and the routes. */

export const QUESTION_ID_PATTERN = '^[A-Za-z0-9_-]{1,128}$';

export const Difficulty = Type.Union([Type.Literal('easy'), Type.Literal('medium'), Type.Literal('hard')]);

const Theme = Type.String({ minLength: 1, maxLength: 100 });
const QuestionText = Type.String({ minLength: 1, maxLength: 2_000 });
const Answer = Type.String({ minLength: 1, maxLength: 500 });
const Hint = Type.String({ minLength: 1, maxLength: 1_000 });

export const AdminQuestion = Type.Object({
  id: Type.String(),
  theme: Type.String(),
  text: Type.String(),
  answer: Type.String(),
  hint: Type.Union([Type.String(), Type.Null()]),
  difficulty: Difficulty,
  isActive: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AdminQuestion = Static<typeof AdminQuestion>;

export const QuestionFilters = Type.Object(
  {
    theme: Type.Optional(Theme),
    difficulty: Type.Optional(Difficulty),
    active: Type.Optional(Type.Boolean()),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type QuestionFilters = Static<typeof QuestionFilters>;

export const QuestionPage = Type.Object({
  items: Type.Array(AdminQuestion),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type QuestionPage = Static<typeof QuestionPage>;

export const NewQuestion = Type.Object(
  {
    theme: Theme,
    text: QuestionText,
    answer: Answer,
    hint: Type.Optional(Hint),
    difficulty: Type.Optional(Difficulty),
  },
  { additionalProperties: false },
);
export type NewQuestion = Static<typeof NewQuestion>;

export const QuestionChanges = Type.Object(
  {
    theme: Type.Optional(Theme),
    text: Type.Optional(QuestionText),
    answer: Type.Optional(Answer),
    hint: Type.Optional(Type.Union([Hint, Type.Null()])),
    difficulty: Type.Optional(Difficulty),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type QuestionChanges = Static<typeof QuestionChanges>;

export const IMPORT_FORMATS = ['opentriviaqa', 'json'] as const;

export const ImportRequest = Type.Object(
  {
    format: Type.Union(IMPORT_FORMATS.map((format) => Type.Literal(format))),
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    content: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type ImportRequest = Static<typeof ImportRequest>;

export const ImportReport = Type.Object({
  read: Type.Integer(),
  imported: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  rejectedByReason: Type.Record(Type.String(), Type.Integer()),
  rejections: Type.Array(
    Type.Object({
      reason: Type.String(),
      file: Type.String(),
      line: Type.Union([Type.Integer(), Type.Null()]),
      excerpt: Type.String(),
    }),
  ),
});
export type ImportReport = Static<typeof ImportReport>;
