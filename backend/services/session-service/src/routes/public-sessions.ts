import { authenticatedUser, playerAccess } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { SessionErrorCode } from '../contract/error-codes.js';
import { handleOfCookie } from '../use-cases/cookie-session.js';
import type { SessionDeps } from '../use-cases/deps.js';
import { openSessionForToken } from '../use-cases/open-session.js';
import { endEverySession } from '../use-cases/revocations.js';
import { currentSession, endCurrentSession, listSessions } from '../use-cases/sessions.js';
import { NOT_FOUND_ERRORS, SESSION_INVALID_ERRORS, STORE_ERRORS } from './errors.js';
import {
  CurrentSession,
  NewSession,
  OpenedSession,
  RevokedCount,
  SessionList,
  sessionView,
} from './schemas.js';
import {
  type CookieSettings,
  clearSessionCookie,
  requestCookie,
  setSessionCookie,
} from './session-cookie.js';

/** The token an authenticated route was called with: the auth plugin sets it with the user. */
function callerToken(request: FastifyRequest): string {
  if (request.bearerToken === null) throw new Error('an authenticated request carries its bearer token');
  return request.bearerToken;
}

export interface SessionRouteDeps extends SessionDeps {
  readonly cookie: CookieSettings;
}

/** Signing in and out of this device and of all of them. A caller sees and ends only their own sessions. */
export function publicSessionRoutes(deps: SessionRouteDeps) {
  return async (app: ServiceApp) => {
    const access = { auth: playerAccess };
    const tags = ['sessions'];

    app.post(
      '/api/v1/sessions',
      {
        config: access,
        schema: {
          tags,
          summary: 'Sign this device in: open a session and set its cookie',
          description:
            "Opens a session for the caller's token and sets the session cookie. A session named by the cookie the request came with ends: the new one has a new id.",
          operationId: 'openSession',
          body: NewSession,
          response: {
            201: OpenedSession,
            ...errorResponses(
              AUTHENTICATED_ERRORS,
              JSON_BODY_ERRORS,
              { 401: [SessionErrorCode.tokenRevoked] },
              STORE_ERRORS,
            ),
          },
        },
      },
      async (request, reply) => {
        const user = authenticatedUser(request);
        const opened = await openSessionForToken(
          deps,
          {
            user,
            accessToken: callerToken(request),
            client: request.body.client ?? null,
            cookie: requestCookie(request, deps.cookie),
          },
          request.log,
        );
        setSessionCookie(reply, deps.cookie, opened.cookie);
        return reply.status(201).send({
          session: sessionView(opened.session, opened.session.handle),
          csrfToken: opened.session.csrfToken,
        });
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
          response: {
            200: SessionList,
            ...errorResponses(AUTHENTICATED_ERRORS, SESSION_INVALID_ERRORS, STORE_ERRORS),
          },
        },
      },
      async (request) => {
        const current = handleOfCookie(deps, requestCookie(request, deps.cookie));
        const sessions = await listSessions(deps, authenticatedUser(request).id, request.log);
        return { items: sessions.map((session) => sessionView(session, current)) };
      },
    );

    app.delete(
      '/api/v1/sessions',
      {
        config: access,
        schema: {
          tags,
          summary: "Sign out everywhere: end all of the caller's sessions and revoke their tokens",
          description:
            "Ends every session of the caller and clears this device's cookie; every token issued to the caller until now is refused from now on.",
          operationId: 'endAllSessions',
          response: { 200: RevokedCount, ...errorResponses(AUTHENTICATED_ERRORS, STORE_ERRORS) },
        },
      },
      async (request, reply) => {
        const revoked = await endEverySession(deps, authenticatedUser(request).id, request.log);
        clearSessionCookie(reply, deps.cookie);
        return { revoked };
      },
    );

    app.get(
      '/api/v1/sessions/current',
      {
        config: access,
        schema: {
          tags,
          summary: "The session of this request's cookie, with its CSRF token",
          operationId: 'getCurrentSession',
          response: {
            200: CurrentSession,
            ...errorResponses(AUTHENTICATED_ERRORS, SESSION_INVALID_ERRORS, NOT_FOUND_ERRORS, STORE_ERRORS),
          },
        },
      },
      async (request) => {
        const session = await currentSession(
          deps,
          authenticatedUser(request).id,
          requestCookie(request, deps.cookie),
          request.log,
        );
        return { session: sessionView(session, session.handle), csrfToken: session.csrfToken };
      },
    );

    app.delete(
      '/api/v1/sessions/current',
      {
        config: access,
        schema: {
          tags,
          summary: "Sign this device out: end the cookie's session and clear the cookie",
          operationId: 'endCurrentSession',
          response: {
            204: Type.Null({ description: 'No session is signed in with this cookie any more' }),
            ...errorResponses(AUTHENTICATED_ERRORS, SESSION_INVALID_ERRORS, STORE_ERRORS),
          },
        },
      },
      async (request, reply) => {
        await endCurrentSession(
          deps,
          authenticatedUser(request).id,
          requestCookie(request, deps.cookie),
          request.log,
        );
        clearSessionCookie(reply, deps.cookie);
        return reply.status(204).send(null);
      },
    );
  };
}
