import { Type } from 'typebox';
import type { Question } from '../domain/question.js';
import { LIMITS } from '../domain/question-rules.js';

export const Difficulty = Type.Union([Type.Literal('easy'), Type.Literal('medium'), Type.Literal('hard')]);
const Theme = Type.String({ minLength: 1, maxLength: LIMITS.theme });
const Text = Type.String({ minLength: 1, maxLength: LIMITS.text, pattern: '\\S' });
const Answer = Type.String({ minLength: 1, maxLength: LIMITS.answer, pattern: '\\S' });
const Hint = Type.Union([Type.String({ minLength: 1, maxLength: LIMITS.hint }), Type.Null()]);
export const QuestionId = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,128}$' }) },
  { additionalProperties: false },
);

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

export const NewQuestionBody = Type.Object(
  {
    theme: Theme,
    text: Text,
    answer: Answer,
    hint: Type.Optional(Hint),
    difficulty: Type.Optional(Difficulty),
  },
  { additionalProperties: false },
);

export const QuestionPatch = Type.Object(
  {
    theme: Type.Optional(Theme),
    text: Type.Optional(Text),
    answer: Type.Optional(Answer),
    hint: Type.Optional(Hint),
    difficulty: Type.Optional(Difficulty),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const QuestionQuery = Type.Object(
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

export const QuestionPage = Type.Object({
  items: Type.Array(AdminQuestion),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const PoolQuery = Type.Object(
  { theme: Type.Optional(Theme), difficulty: Type.Optional(Difficulty) },
  { additionalProperties: false },
);

export const DrawBody = Type.Object(
  {
    theme: Type.Optional(Theme),
    difficulty: Type.Optional(Difficulty),
    excludeIds: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 2000 }),
  },
  { additionalProperties: false },
);

export const DrawnQuestion = Type.Object({
  question: Type.Object({
    id: Type.String(),
    theme: Type.String(),
    difficulty: Difficulty,
    text: Type.String(),
    answer: Type.String(),
    hint: Type.Union([Type.String(), Type.Null()]),
  }),
});

export const ImportBody = Type.Object(
  {
    format: Type.Union([Type.Literal('opentriviaqa'), Type.Literal('json')]),
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    content: Type.String({ maxLength: 8 * 1024 * 1024 }),
  },
  { additionalProperties: false },
);

export const ImportReport = Type.Object({
  read: Type.Integer(),
  imported: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  rejectedByReason: Type.Record(Type.String(), Type.Integer()),
  rejections: Type.Array(
    Type.Object({ reason: Type.String(), file: Type.String(), line: Type.Integer(), excerpt: Type.String() }),
  ),
});

export const Themes = Type.Object({
  themes: Type.Array(Type.Object({ theme: Type.String(), questionCount: Type.Integer() })),
});

export function adminQuestionBody(question: Question) {
  return {
    ...question,
    createdAt: question.createdAt.toISOString(),
    updatedAt: question.updatedAt.toISOString(),
  };
}
