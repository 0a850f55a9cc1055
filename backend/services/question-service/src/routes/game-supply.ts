import { serviceAccess } from '@know-foolery/shared/auth';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import { Type } from 'typebox';
import { availableQuestions, drawNext, type QuestionDeps, themeOrReject } from '../use-cases/questions.js';
import { DrawBody, DrawnQuestion, PoolQuery } from './schemas.js';

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
          response: { 200: Type.Object({ available: Type.Integer() }), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { theme, difficulty } = request.query;
        return {
          available: await availableQuestions(deps, {
            theme: theme === undefined ? undefined : themeOrReject(theme),
            difficulty,
          }),
        };
      },
    );

    app.post(
      '/internal/questions/draw',
      {
        config: { auth: serviceAccess },
        schema: {
          tags: ['internal'],
          body: DrawBody,
          response: { 200: DrawnQuestion, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { theme, difficulty, excludeIds } = request.body;
        const pool = { theme: theme === undefined ? undefined : themeOrReject(theme), difficulty };
        const question = await drawNext(deps, pool, excludeIds);
        return {
          question: {
            id: question.id,
            theme: question.theme,
            difficulty: question.difficulty,
            text: question.text,
            answer: question.answer,
            hint: question.hint,
          },
        };
      },
    );
  };
}
