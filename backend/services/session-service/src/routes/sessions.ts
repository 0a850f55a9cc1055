import { authenticatedUser, playerAccess } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  INPUT_ERRORS,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { Type } from 'typebox';
import { SessionErrorCode } from '../contract/error-codes.js';
import {
  findSession,
  listSessions,
  revokeAllSessions,
  revokeSession,
  type SessionDeps,
  startSession,
  touch,
} from '../use-cases/sessions.js';
import {
  NewSession,
  OpenedSession,
  RevokedCount,
  SessionBody,
  SessionList,
  SessionParams,
  sessionBody,
} from './schemas.js';

/** A route on one session: its id is checked, and another player's session is not found. */
const ONE_SESSION = [
  AUTHENTICATED_ERRORS,
  INPUT_ERRORS,
  { 404: [SessionErrorCode.sessionNotFound] },
] as const;

/** A caller sees and ends only their own sessions; an admin is no exception. */
export function sessionRoutes(deps: SessionDeps) {
  return async (app: ServiceApp) => {
    const access = { auth: playerAccess };
    const tags = ['sessions'];

    app.post(
      '/api/v1/sessions',
      {
        config: access,
        schema: {
          tags,
          summary: "Open a session for one of the caller's devices",
          operationId: 'openSession',
          body: NewSession,
          response: { 201: OpenedSession, ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS) },
        },
      },
      async (request, reply) => {
        const session = await startSession(deps, authenticatedUser(request).id, request.body.client ?? null);
        return reply.status(201).send(sessionBody(session));
      },
    );

    app.get(
      '/api/v1/sessions',
      {
        config: access,
        schema: {
          tags,
          summary: "The caller's active sessions, oldest first",
          operationId: 'listSessions',
          response: { 200: SessionList, ...errorResponses(AUTHENTICATED_ERRORS) },
        },
      },
      async (request) => {
        const sessions = await listSessions(deps, authenticatedUser(request).id);
        return { items: sessions.map(sessionBody) };
      },
    );

    app.delete(
      '/api/v1/sessions',
      {
        config: access,
        schema: {
          tags,
          summary: "End all of the caller's sessions",
          operationId: 'endAllSessions',
          response: { 200: RevokedCount, ...errorResponses(AUTHENTICATED_ERRORS) },
        },
      },
      async (request) => ({ revoked: await revokeAllSessions(deps, authenticatedUser(request).id) }),
    );

    app.get(
      '/api/v1/sessions/:id',
      {
        config: access,
        schema: {
          tags,
          summary: "One of the caller's sessions",
          operationId: 'getSession',
          params: SessionParams,
          response: { 200: SessionBody, ...errorResponses(...ONE_SESSION) },
        },
      },
      async (request) =>
        sessionBody(await findSession(deps, authenticatedUser(request).id, request.params.id)),
    );

    app.post(
      '/api/v1/sessions/:id/touch',
      {
        config: access,
        schema: {
          tags,
          summary: 'Record activity: the idle expiry starts again, up to the maximum lifetime',
          operationId: 'touchSession',
          params: SessionParams,
          response: { 200: SessionBody, ...errorResponses(...ONE_SESSION) },
        },
      },
      async (request) => sessionBody(await touch(deps, authenticatedUser(request).id, request.params.id)),
    );

    app.delete(
      '/api/v1/sessions/:id',
      {
        config: access,
        schema: {
          tags,
          summary: "End one of the caller's sessions",
          operationId: 'endSession',
          params: SessionParams,
          response: {
            204: Type.Null({ description: 'The session has ended' }),
            ...errorResponses(...ONE_SESSION),
          },
        },
      },
      async (request, reply) => {
        await revokeSession(deps, authenticatedUser(request).id, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
