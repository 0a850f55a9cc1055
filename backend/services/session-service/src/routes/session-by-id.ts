import { authenticatedUser, playerAccess } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  INPUT_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { Type } from 'typebox';
import { handleOfCookie } from '../use-cases/cookie-session.js';
import { endSession, findSession, touch } from '../use-cases/sessions.js';
import { NOT_FOUND_ERRORS, SESSION_INVALID_ERRORS, STORE_ERRORS } from './errors.js';
import type { SessionRouteDeps } from './public-sessions.js';
import { SessionBody, SessionParams, sessionView } from './schemas.js';
import { clearSessionCookie, requestCookie } from './session-cookie.js';

/** A route on one session: its id is checked, and another player's session is not found. */
const ONE_SESSION = [
  AUTHENTICATED_ERRORS,
  INPUT_ERRORS,
  SESSION_INVALID_ERRORS,
  NOT_FOUND_ERRORS,
  STORE_ERRORS,
] as const;

/** One of the caller's sessions by its public id (its handle); an admin is no exception. */
export function sessionByIdRoutes(deps: SessionRouteDeps) {
  return async (app: ServiceApp) => {
    const access = { auth: playerAccess };
    const tags = ['sessions'];

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
      async (request) => {
        const session = await findSession(
          deps,
          authenticatedUser(request).id,
          request.params.id,
          request.log,
        );
        return sessionView(session, handleOfCookie(deps, requestCookie(request, deps.cookie)));
      },
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
      async (request) => {
        const session = await touch(deps, authenticatedUser(request).id, request.params.id, request.log);
        return sessionView(session, handleOfCookie(deps, requestCookie(request, deps.cookie)));
      },
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
        await endSession(deps, authenticatedUser(request).id, request.params.id, request.log);
        // Ending this device's own session signs it out: its cookie goes too.
        if (handleOfCookie(deps, requestCookie(request, deps.cookie)) === request.params.id) {
          clearSessionCookie(reply, deps.cookie);
        }
        return reply.status(204).send(null);
      },
    );
  };
}
