import {
  AdminQuestion,
  NewQuestionBody,
  QuestionId,
  QuestionPage,
  QuestionPatch,
  QuestionQuery,
} from '@know-foolery/question-service/contract';
import { adminAccess } from '@know-foolery/shared/auth';
import { forwardFrom } from '@know-foolery/shared/http-client';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import type { QuestionAdminClient } from '../clients/question-admin-client.js';
import { COMMON_ERRORS } from './schemas.js';

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
          querystring: QuestionQuery,
          response: { 200: QuestionPage, ...errorResponses(...COMMON_ERRORS) },
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
          body: NewQuestionBody,
          response: { 201: AdminQuestion, ...errorResponses(...COMMON_ERRORS, 409) },
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
          params: QuestionId,
          response: { 200: AdminQuestion, ...errorResponses(...COMMON_ERRORS, 404) },
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
          params: QuestionId,
          body: QuestionPatch,
          response: { 200: AdminQuestion, ...errorResponses(...COMMON_ERRORS, 404, 409) },
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
          params: QuestionId,
          response: { 200: AdminQuestion, ...errorResponses(...COMMON_ERRORS, 404) },
        },
      },
      async (request) => questions.deactivate(request.params.id, forwardFrom(request)),
    );
  };
}
