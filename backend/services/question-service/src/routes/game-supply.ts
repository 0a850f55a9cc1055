import { serviceAccess } from '@know-foolery/shared/auth';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import { DrawBody, DrawnQuestion, PoolQuery, PoolSize } from '../contract/game-supply.js';
import type { QuestionDeps } from '../use-cases/deps.js';
import { availableQuestions, drawNext } from '../use-cases/game-supply.js';

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
          response: { 200: PoolSize, ...errorResponses(400, 401, 403) },
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
          response: { 200: DrawnQuestion, ...errorResponses(400, 401, 403, 404) },
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
