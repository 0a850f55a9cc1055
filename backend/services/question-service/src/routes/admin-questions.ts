import { adminAccess } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  INPUT_ERRORS,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { QuestionContentErrors, QuestionErrorCode } from '../contract/error-codes.js';
import {
  AdminQuestion,
  NewQuestionBody,
  QuestionId,
  QuestionPage,
  QuestionPatch,
  QuestionQuery,
} from '../contract/questions.js';
import type { Question } from '../domain/question.js';
import { createQuestion, editQuestion, getQuestion, searchQuestions } from '../use-cases/curation.js';
import { type QuestionDeps, themeOrReject } from '../use-cases/deps.js';

function adminQuestionBody(question: Question): AdminQuestion {
  return {
    ...question,
    createdAt: question.createdAt.toISOString(),
    updatedAt: question.updatedAt.toISOString(),
  };
}

const INVALID_THEME = { 400: [QuestionErrorCode.invalidTheme] };
const NOT_FOUND = { 404: [QuestionErrorCode.questionNotFound] };

/** Curation, for admins (admin-service forwards the admin's token here). */
export function adminQuestionRoutes(deps: QuestionDeps) {
  return async (app: ServiceApp) => {
    const admin = { config: { auth: adminAccess } };

    app.get(
      '/internal/questions',
      {
        ...admin,
        schema: {
          tags: ['internal'],
          querystring: QuestionQuery,
          response: {
            200: QuestionPage,
            ...errorResponses(AUTHENTICATED_ERRORS, INPUT_ERRORS, INVALID_THEME),
          },
        },
      },
      async (request) => {
        const { theme, limit, offset, ...filter } = request.query;
        const page = await searchQuestions(
          deps,
          { ...filter, theme: theme === undefined ? undefined : themeOrReject(theme) },
          { limit, offset },
        );
        return { items: page.items.map(adminQuestionBody), total: page.total, limit, offset };
      },
    );

    app.post(
      '/internal/questions',
      {
        ...admin,
        schema: {
          tags: ['internal'],
          body: NewQuestionBody,
          response: {
            201: AdminQuestion,
            ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS, QuestionContentErrors),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(adminQuestionBody(await createQuestion(deps, request.body))),
    );

    app.get(
      '/internal/questions/:id',
      {
        ...admin,
        schema: {
          tags: ['internal'],
          params: QuestionId,
          response: { 200: AdminQuestion, ...errorResponses(AUTHENTICATED_ERRORS, INPUT_ERRORS, NOT_FOUND) },
        },
      },
      async (request) => adminQuestionBody(await getQuestion(deps, request.params.id)),
    );

    app.patch(
      '/internal/questions/:id',
      {
        ...admin,
        schema: {
          tags: ['internal'],
          params: QuestionId,
          body: QuestionPatch,
          response: {
            200: AdminQuestion,
            ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS, QuestionContentErrors, NOT_FOUND),
          },
        },
      },
      async (request) => adminQuestionBody(await editQuestion(deps, request.params.id, request.body)),
    );

    app.delete(
      '/internal/questions/:id',
      {
        ...admin,
        schema: {
          tags: ['internal'],
          params: QuestionId,
          response: { 200: AdminQuestion, ...errorResponses(AUTHENTICATED_ERRORS, INPUT_ERRORS, NOT_FOUND) },
        },
      },
      async (request) => adminQuestionBody(await editQuestion(deps, request.params.id, { isActive: false })),
    );
  };
}
