import { Difficulty, QuestionKind } from '@know-foolery/question-service/contract';
import { Type } from 'typebox';
import { VERDICT_REASONS } from '../domain/answer-matching.js';

export const GameParams = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) },
  { additionalProperties: false },
);

export const NewGame = Type.Object(
  {
    theme: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9-]*$' })),
    difficulty: Type.Optional(Difficulty),
    questionKinds: Type.Optional(
      Type.Array(QuestionKind, {
        minItems: 1,
        uniqueItems: true,
        description:
          'the kinds of question to draw; every kind when absent. `["free_text"]` leaves out true/false',
      }),
    ),
  },
  { additionalProperties: false },
);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const GameBody = Type.Object({
  id: Type.String(),
  status: Type.Union([
    Type.Literal('active'),
    Type.Literal('finished'),
    Type.Literal('expired'),
    Type.Literal('exhausted'),
  ]),
  theme: Nullable(Type.String()),
  difficulty: Nullable(Difficulty),
  questionKinds: Type.Array(QuestionKind),
  score: Type.Integer(),
  questionsAnswered: Type.Integer(),
  startedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
  endReason: Nullable(Type.String()),
});

export const QuestionBody = Type.Object({
  questionId: Type.String(),
  questionNumber: Type.Integer(),
  theme: Type.String(),
  difficulty: Difficulty,
  kind: QuestionKind,
  text: Type.String(),
  attemptsLeft: Type.Integer(),
  hintAvailable: Type.Boolean(),
  hintShown: Type.Boolean(),
});

export const AnswerRequest = Type.Object(
  { answer: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const AnswerBody = Type.Object({
  correct: Type.Boolean(),
  verdict: Type.Object({
    reason: Type.Enum(VERDICT_REASONS),
    explanation: Type.String(),
  }),
  attemptsLeft: Type.Integer(),
  pointsAwarded: Type.Integer(),
  score: Type.Integer(),
  settled: Type.Boolean(),
  correctAnswer: Nullable(Type.String({ description: 'the answer, once the question is settled' })),
});

export const HintBody = Type.Object({ hint: Type.String() });
