import { authenticatedUser, playerAccess } from '@know-foolery/shared/auth';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import { Type } from 'typebox';
import {
  findSession,
  listSessions,
  revokeAllSessions,
  revokeSession,
  type SessionDeps,
  startSession,
  touch,
} from '../use-cases/sessions.js';
import { NewSession, RevokedCount, SessionBody, SessionList, SessionParams, sessionBody } from './schemas.js';

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
          body: NewSession,
          response: { 201: SessionBody, ...errorResponses(400, 401, 403) },
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
          response: { 200: SessionList, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const sessions = await listSessions(deps, authenticatedUser(request).id);
        return { sessions: sessions.map(sessionBody) };
      },
    );

    app.delete(
      '/api/v1/sessions',
      {
        config: access,
        schema: {
          tags,
          summary: "End all of the caller's sessions",
          response: { 200: RevokedCount, ...errorResponses(401, 403) },
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
          params: SessionParams,
          response: { 200: SessionBody, ...errorResponses(400, 401, 403, 404) },
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
          params: SessionParams,
          response: { 200: SessionBody, ...errorResponses(400, 401, 403, 404) },
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
          params: SessionParams,
          response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await revokeSession(deps, authenticatedUser(request).id, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
