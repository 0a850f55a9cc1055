import { serviceAccess } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  INPUT_ERRORS,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { QuestionErrorCode } from '../contract/error-codes.js';
import { DrawBody, DrawnQuestion, PoolQuery, PoolSize } from '../contract/game-supply.js';
import type { QuestionDeps } from '../use-cases/deps.js';
import { availableQuestions, drawNext } from '../use-cases/game-supply.js';

const INVALID_THEME = { 400: [QuestionErrorCode.invalidTheme] };

/** What game-service asks for, with its own identity: questions with their answers. */
export function gameSupplyRoutes(deps: QuestionDeps) {
  return async (app: ServiceApp) => {
    app.get(
      '/internal/questions/pool',
      {
        config: { auth: serviceAccess },
        schema: {
          tags: ['internal'],
          querystring: PoolQuery,
          response: { 200: PoolSize, ...errorResponses(AUTHENTICATED_ERRORS, INPUT_ERRORS, INVALID_THEME) },
        },
      },
      async (request) => ({ available: await availableQuestions(deps, request.query) }),
    );

    app.post(
      '/internal/questions/draw',
      {
        config: { auth: serviceAccess },
        schema: {
          tags: ['internal'],
          body: DrawBody,
          response: {
            200: DrawnQuestion,
            ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS, INVALID_THEME, {
              404: [QuestionErrorCode.noQuestionsLeft],
            }),
          },
        },
      },
      async (request): Promise<DrawnQuestion> => {
        const { excludeIds, ...pool } = request.body;
        const question = await drawNext(deps, pool, excludeIds);
        return {
          question: {
            id: question.id,
            theme: question.theme,
            difficulty: question.difficulty,
            kind: question.kind,
            text: question.text,
            answer: question.answer,
            alternatives: question.alternatives,
            hint: question.hint,
          },
        };
      },
    );
  };
}
