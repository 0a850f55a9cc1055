import { authenticatedUser, playerAccess } from '@know-foolery/shared/auth';
import { forwardFrom } from '@know-foolery/shared/http-client';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  INPUT_ERRORS,
  JSON_BODY_ERRORS,
  type ServiceApp,
  UPSTREAM_ERRORS,
} from '@know-foolery/shared/http-server';
import { GameErrorCode } from '../contract/error-codes.js';
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
  FinishedGame,
  GameBody,
  GameParams,
  HintBody,
  NewGame,
  QuestionBody,
  StartedGame,
} from './schemas.js';

const tags = ['games'];

/** Every route on one game: its id is checked, and another player's game is not found. */
const ONE_GAME = [AUTHENTICATED_ERRORS, INPUT_ERRORS, { 404: [GameErrorCode.gameNotFound] }] as const;

/** Playing a game: its owner alone, and only while it is active. */
const PLAYING = [...ONE_GAME, { 403: [GameErrorCode.notGameOwner], 409: [GameErrorCode.gameOver] }] as const;

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
          description: 'One game in play at a time: finish it before starting another.',
          operationId: 'startGame',
          body: NewGame,
          response: {
            201: StartedGame,
            ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS, UPSTREAM_ERRORS, {
              409: [GameErrorCode.gameAlreadyActive],
              422: [GameErrorCode.emptyQuestionPool],
            }),
          },
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
          description: 'Its player or an admin may read it.',
          operationId: 'getGame',
          params: GameParams,
          response: { 200: GameBody, ...errorResponses(...ONE_GAME) },
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
          description: 'A game whose pool has no question left ends here: 409 GAME_OVER, status `exhausted`.',
          operationId: 'getCurrentQuestion',
          params: GameParams,
          response: {
            200: QuestionBody,
            ...errorResponses(...PLAYING, UPSTREAM_ERRORS, { 409: [GameErrorCode.concurrentAnswer] }),
          },
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
          operationId: 'showHint',
          params: GameParams,
          response: {
            200: HintBody,
            ...errorResponses(...PLAYING, { 409: [GameErrorCode.noOpenQuestion, GameErrorCode.noHint] }),
          },
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
          description:
            'A free-text question takes three attempts, a true/false question one. `correctAnswer` is null until the question is settled.',
          operationId: 'submitAnswer',
          params: GameParams,
          body: AnswerRequest,
          response: {
            200: AnswerBody,
            ...errorResponses(...PLAYING, JSON_BODY_ERRORS, {
              400: [GameErrorCode.blankAnswer, GameErrorCode.notTrueOrFalse],
              409: [GameErrorCode.noOpenQuestion, GameErrorCode.concurrentAnswer],
            }),
          },
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
          description: 'Finishing a game that has already ended answers it as it is.',
          operationId: 'finishGame',
          params: GameParams,
          response: {
            200: FinishedGame,
            ...errorResponses(...ONE_GAME, { 403: [GameErrorCode.notGameOwner] }),
          },
        },
      },
      async (request) =>
        gameView(await finishGame(deps, authenticatedUser(request), request.params.id, forwardFrom(request))),
    );
  };
}
