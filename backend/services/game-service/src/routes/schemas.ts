import { Difficulty, QuestionKind } from '@know-foolery/question-service/contract';
import { documented } from '@know-foolery/shared/http-server';
import { type Static, Type } from 'typebox';
import { VERDICT_REASONS } from '../domain/answer-matching.js';

export const GameParams = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) },
  { additionalProperties: false },
);

const NewGameFields = Type.Object(
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

export const NewGame = documented(NewGameFields, 'What to play; every field may be left out', [
  { theme: 'geography', questionKinds: ['free_text'] },
]);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const Game = Type.Object({
  id: Type.String(),
  status: Type.Enum(['active', 'finished', 'expired', 'exhausted']),
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

const GAME_EXAMPLE: Static<typeof Game> = {
  id: '0b9f6c1e-4f0a-4a43-9a57-2f1d3c6b8e21',
  status: 'active',
  theme: 'geography',
  difficulty: null,
  questionKinds: ['free_text'],
  score: 0,
  questionsAnswered: 0,
  startedAt: '2026-11-25T10:00:00.000Z',
  expiresAt: '2026-11-25T10:30:00.000Z',
  endedAt: null,
  endReason: null,
};

export const StartedGame = documented(Game, 'The game, started: ask for its first question', [GAME_EXAMPLE]);

export const GameBody = documented(Game, 'The game and its score', [GAME_EXAMPLE]);

export const FinishedGame = documented(Game, 'The game, ended; its score is on the leaderboard', [
  {
    ...GAME_EXAMPLE,
    status: 'finished',
    score: 5,
    questionsAnswered: 3,
    endedAt: '2026-11-25T10:12:41.000Z',
    endReason: 'finished',
  },
]);

const ServedQuestion = Type.Object({
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

export const QuestionBody = documented(
  ServedQuestion,
  'The open question: the one already served, or the next one drawn',
  [
    {
      questionId: '7d1e2c4a-9b3f-4e58-8a61-0c2f5d9e4b17',
      questionNumber: 1,
      theme: 'geography',
      difficulty: 'medium',
      kind: 'free_text',
      text: 'What is the capital of Australia?',
      attemptsLeft: 3,
      hintAvailable: true,
      hintShown: false,
    },
  ],
);

export const AnswerRequest = documented(
  Type.Object({ answer: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
  'The answer in the player’s own words; a small typo is forgiven',
  [{ answer: 'Canberra' }],
);

const Answer = Type.Object({
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

export const AnswerBody = documented(Answer, 'How the answer was judged and what it scored', [
  {
    correct: true,
    verdict: { reason: 'exact', explanation: 'the answer matches exactly' },
    attemptsLeft: 2,
    pointsAwarded: 2,
    score: 2,
    settled: true,
    correctAnswer: 'Canberra',
  },
  {
    correct: false,
    verdict: { reason: 'wrong', explanation: 'the answer does not match' },
    attemptsLeft: 2,
    pointsAwarded: 0,
    score: 0,
    settled: false,
    correctAnswer: null,
  },
]);

export const HintBody = documented(
  Type.Object({ hint: Type.String() }),
  'The hint; the question now scores at most 1',
  [{ hint: 'It was purpose-built as a compromise between Sydney and Melbourne.' }],
);
