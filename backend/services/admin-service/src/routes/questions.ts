import {
  AdminQuestion,
  NewQuestionBody,
  QuestionContentErrors,
  QuestionErrorCode,
  QuestionId,
  QuestionPage,
  QuestionPatch,
  QuestionQuery,
} from '@know-foolery/question-service/contract';
import { adminAccess } from '@know-foolery/shared/auth';
import { forwardFrom } from '@know-foolery/shared/http-client';
import {
  documented,
  errorResponses,
  INPUT_ERRORS,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import type { QuestionAdminClient } from '../clients/question-admin-client.js';
import { ADMIN_ERRORS, QUESTION_NOT_FOUND } from './schemas.js';

const Page = documented(QuestionPage, 'The page of questions found, and how many there are in all');
const Question = documented(AdminQuestion, 'The question');
const Created = documented(AdminQuestion, 'The question, added');
const Changed = documented(AdminQuestion, 'The question, changed');
const Deactivated = documented(AdminQuestion, 'The question, out of play');

/**
 * Question management. question-service owns questions and their rules, so these routes check
 * the request's shape and pass it on with the admin's own token; its answers come back as they are.
 */
export function questionRoutes(questions: QuestionAdminClient) {
  return async (app: ServiceApp) => {
    const config = { auth: adminAccess };
    const tags = ['questions'];

    app.get(
      '/api/v1/admin/questions',
      {
        config,
        schema: {
          tags,
          summary: 'Search questions, active or not, by theme, difficulty, kind, review reason or text',
          operationId: 'searchQuestions',
          querystring: QuestionQuery,
          response: {
            200: Page,
            ...errorResponses(...ADMIN_ERRORS, INPUT_ERRORS, { 400: [QuestionErrorCode.invalidTheme] }),
          },
        },
      },
      async (request) => questions.list(request.query, forwardFrom(request)),
    );

    app.post(
      '/api/v1/admin/questions',
      {
        config,
        schema: {
          tags,
          summary: 'Add a question; without a kind, its answer says which (True or False: true/false)',
          operationId: 'createQuestion',
          body: NewQuestionBody,
          response: {
            201: Created,
            ...errorResponses(...ADMIN_ERRORS, JSON_BODY_ERRORS, QuestionContentErrors),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await questions.create(request.body, forwardFrom(request))),
    );

    app.get(
      '/api/v1/admin/questions/:id',
      {
        config,
        schema: {
          tags,
          summary: 'One question',
          operationId: 'getQuestion',
          params: QuestionId,
          response: { 200: Question, ...errorResponses(...ADMIN_ERRORS, INPUT_ERRORS, QUESTION_NOT_FOUND) },
        },
      },
      async (request) => questions.get(request.params.id, forwardFrom(request)),
    );

    app.patch(
      '/api/v1/admin/questions/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Change a question; activating one clears its review reason',
          operationId: 'updateQuestion',
          params: QuestionId,
          body: QuestionPatch,
          response: {
            200: Changed,
            ...errorResponses(...ADMIN_ERRORS, JSON_BODY_ERRORS, QuestionContentErrors, QUESTION_NOT_FOUND),
          },
        },
      },
      async (request) => questions.update(request.params.id, request.body, forwardFrom(request)),
    );

    app.delete(
      '/api/v1/admin/questions/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Take a question out of play (it is deactivated; its history is kept)',
          operationId: 'deactivateQuestion',
          params: QuestionId,
          response: {
            200: Deactivated,
            ...errorResponses(...ADMIN_ERRORS, INPUT_ERRORS, QUESTION_NOT_FOUND),
          },
        },
      },
      async (request) => questions.deactivate(request.params.id, forwardFrom(request)),
    );
  };
}
