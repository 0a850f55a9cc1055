import { serviceAccess } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  INPUT_ERRORS,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import {
  END_USER_SESSIONS_ROUTE,
  EndedSessions,
  EndUserSessionsBody,
  REVOCATION_ROUTE,
  ResolvedSession,
  ResolveSessionBody,
  SESSION_RESOLVE_PATH,
  TokenRevocation,
  UserParams,
} from '../contract/internal.js';
import type { SessionDeps } from '../use-cases/deps.js';
import { resolveSession } from '../use-cases/resolve-session.js';
import { endEverySession, tokensRevokedBefore } from '../use-cases/revocations.js';
import { SESSION_INVALID_ERRORS, STORE_ERRORS } from './errors.js';

/** Calls the gateway (and in Phase 1C admin user management) makes with its own identity; never routed publicly. */
export function internalRoutes(deps: SessionDeps) {
  return async (app: ServiceApp) => {
    const config = { auth: serviceAccess };
    const tags = ['internal'];

    app.post(
      SESSION_RESOLVE_PATH,
      {
        config,
        schema: {
          tags,
          summary: 'The session a cookie stands for, with its access token (renewed when about to expire)',
          operationId: 'resolveSession',
          body: ResolveSessionBody,
          response: {
            200: ResolvedSession,
            ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS, SESSION_INVALID_ERRORS, STORE_ERRORS),
          },
        },
      },
      async (request) => {
        const session = await resolveSession(deps, request.body.cookie, request.log);
        return {
          handle: session.handle,
          userId: session.userId,
          roles: [...session.roles],
          name: session.name,
          accessToken: session.credentials.accessToken,
          csrfToken: session.csrfToken,
          expiresAt: session.expiresAt.toISOString(),
        };
      },
    );

    app.get(
      REVOCATION_ROUTE,
      {
        config,
        schema: {
          tags,
          summary: "The user's revocation mark: tokens issued before it are refused",
          operationId: 'getTokenRevocation',
          params: UserParams,
          response: {
            200: TokenRevocation,
            ...errorResponses(AUTHENTICATED_ERRORS, INPUT_ERRORS, STORE_ERRORS),
          },
        },
      },
      async (request) => {
        const before = await tokensRevokedBefore(deps, request.params.userId);
        return { tokensIssuedBefore: before?.toISOString() ?? null };
      },
    );

    app.post(
      END_USER_SESSIONS_ROUTE,
      {
        config,
        schema: {
          tags,
          summary: "End all of a user's sessions and revoke their tokens (deactivation, a role change)",
          operationId: 'endUserSessions',
          params: UserParams,
          body: EndUserSessionsBody,
          response: {
            200: EndedSessions,
            ...errorResponses(AUTHENTICATED_ERRORS, INPUT_ERRORS, JSON_BODY_ERRORS, STORE_ERRORS),
          },
        },
      },
      async (request) => {
        const { userId } = request.params;
        const ended = await endEverySession(deps, userId);
        request.log.info(
          { event: 'user_sessions_ended', userId, reason: request.body.reason, ended },
          "a user's sessions were ended and their tokens revoked",
        );
        return { ended };
      },
    );
  };
}
