import { adminAccess } from '@know-foolery/shared/auth';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import {
  createQuestion,
  editQuestion,
  getQuestion,
  importDocument,
  type QuestionDeps,
  searchQuestions,
  themeOrReject,
} from '../use-cases/questions.js';
import {
  AdminQuestion,
  adminQuestionBody,
  ImportBody,
  ImportReport,
  NewQuestionBody,
  QuestionId,
  QuestionPage,
  QuestionPatch,
  QuestionQuery,
} from './schemas.js';

const IMPORT_BODY_LIMIT = 9 * 1024 * 1024;

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
          response: { 200: QuestionPage, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { theme, difficulty, active, text, limit, offset } = request.query;
        const filter = {
          theme: theme === undefined ? undefined : themeOrReject(theme),
          difficulty,
          active,
          text,
        };
        const page = await searchQuestions(deps, filter, { limit, offset });
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
          response: { 201: AdminQuestion, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const { theme, text, answer, hint, difficulty } = request.body;
        const created = await createQuestion(deps, {
          theme,
          text: text.trim(),
          answer: answer.trim(),
          hint: hint?.trim() ?? null,
          difficulty: difficulty ?? 'medium',
        });
        return reply.status(201).send(adminQuestionBody(created));
      },
    );

    app.get(
      '/internal/questions/:id',
      {
        ...admin,
        schema: {
          tags: ['internal'],
          params: QuestionId,
          response: { 200: AdminQuestion, ...errorResponses(400, 401, 403, 404) },
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
          response: { 200: AdminQuestion, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { text, answer, hint, ...rest } = request.body;
        const changes = {
          ...rest,
          ...(text === undefined ? {} : { text: text.trim() }),
          ...(answer === undefined ? {} : { answer: answer.trim() }),
          ...(hint === undefined ? {} : { hint: hint === null ? null : hint.trim() }),
        };
        return adminQuestionBody(await editQuestion(deps, request.params.id, changes));
      },
    );

    app.delete(
      '/internal/questions/:id',
      {
        ...admin,
        schema: {
          tags: ['internal'],
          params: QuestionId,
          response: { 200: AdminQuestion, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => adminQuestionBody(await editQuestion(deps, request.params.id, { isActive: false })),
    );

    app.post(
      '/internal/questions/import',
      {
        ...admin,
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['internal'],
          body: ImportBody,
          response: { 200: ImportReport, ...errorResponses(400, 401, 403, 413) },
        },
      },
      async (request) => {
        const report = await importDocument(deps, request.body);
        return { ...report, rejections: [...report.rejections] };
      },
    );
  };
}
