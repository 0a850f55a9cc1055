import { authenticatedUser, playerAccess } from '@know-foolery/shared/auth';
import { forwardFrom } from '@know-foolery/shared/http-client';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import { QUESTION_KINDS } from '../domain/rules.js';
import {
  currentQuestion,
  finishGame,
  type GameDeps,
  gameView,
  questionView,
  readGame,
  showHint,
  startGame,
  submitAnswer,
} from '../use-cases/games.js';
import {
  AnswerBody,
  AnswerRequest,
  GameBody,
  GameParams,
  HintBody,
  NewGame,
  QuestionBody,
} from './schemas.js';

const tags = ['games'];

export function gameRoutes(deps: GameDeps) {
  return async (app: ServiceApp) => {
    const player = { config: { auth: playerAccess } };

    app.post(
      '/api/v1/games',
      {
        ...player,
        schema: {
          tags,
          summary: 'Start a game',
          body: NewGame,
          response: { 201: GameBody, ...errorResponses(400, 401, 403, 409, 422) },
        },
      },
      async (request, reply) => {
        const { theme, difficulty, questionKinds } = request.body ?? {};
        const game = await startGame(
          deps,
          authenticatedUser(request),
          {
            theme: theme ?? null,
            difficulty: difficulty ?? null,
            questionKinds: questionKinds ?? QUESTION_KINDS,
          },
          forwardFrom(request),
        );
        return reply.status(201).send(gameView(game));
      },
    );

    app.get(
      '/api/v1/games/:id',
      {
        ...player,
        schema: {
          tags,
          summary: 'A game and its score',
          params: GameParams,
          response: { 200: GameBody, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) =>
        gameView(await readGame(deps, authenticatedUser(request), request.params.id, forwardFrom(request))),
    );

    app.get(
      '/api/v1/games/:id/question',
      {
        ...player,
        schema: {
          tags,
          summary: 'The current question (drawing the next one if none is open)',
          params: GameParams,
          response: { 200: QuestionBody, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) =>
        questionView(
          await currentQuestion(deps, authenticatedUser(request), request.params.id, forwardFrom(request)),
        ),
    );

    app.post(
      '/api/v1/games/:id/hint',
      {
        ...player,
        schema: {
          tags,
          summary: 'Show the hint: the question then scores at most 1',
          params: GameParams,
          response: { 200: HintBody, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => ({
        hint: await showHint(deps, authenticatedUser(request), request.params.id, forwardFrom(request)),
      }),
    );

    app.post(
      '/api/v1/games/:id/answers',
      {
        ...player,
        schema: {
          tags,
          summary: 'Answer the current question',
          params: GameParams,
          body: AnswerRequest,
          response: { 200: AnswerBody, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        submitAnswer(
          deps,
          authenticatedUser(request),
          request.params.id,
          request.body.answer,
          forwardFrom(request),
        ),
    );

    app.post(
      '/api/v1/games/:id/finish',
      {
        ...player,
        schema: {
          tags,
          summary: 'Stop the game; its score goes to the leaderboard',
          params: GameParams,
          response: { 200: GameBody, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) =>
        gameView(await finishGame(deps, authenticatedUser(request), request.params.id, forwardFrom(request))),
    );
  };
}
