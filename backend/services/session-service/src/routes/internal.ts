import { type AuthProvider, serviceAccess } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  INPUT_ERRORS,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { SessionErrorCode } from '../contract/error-codes.js';
import {
  END_USER_SESSIONS_ROUTE,
  EndedSessions,
  EndUserSessionsBody,
  REVOCATION_ROUTE,
  ResolvedSession,
  ResolveSessionBody,
  SESSION_RESOLVE_PATH,
  SIGN_IN_SESSION_PATH,
  SIGN_OUT_SESSION_PATH,
  SignedInSession,
  SignedOutSession,
  SignInSessionBody,
  SignOutSessionBody,
  TokenRevocation,
  UserParams,
} from '../contract/internal.js';
import { resolveSession } from '../use-cases/resolve-session.js';
import { endEverySession, tokensRevokedBefore } from '../use-cases/revocations.js';
import { signIn, signOut } from '../use-cases/sign-in.js';
import { PROVIDER_ERRORS, SESSION_INVALID_ERRORS, STORE_ERRORS } from './errors.js';
import type { SessionRouteDeps } from './public-sessions.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

/**
 * Calls the gateway (and admin user management) makes with its own identity; never routed
 * publicly. `verifier` checks the access token a sign-in hands over.
 */
export function internalRoutes(deps: SessionRouteDeps, verifier: AuthProvider) {
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
            ...errorResponses(
              AUTHENTICATED_ERRORS,
              JSON_BODY_ERRORS,
              SESSION_INVALID_ERRORS,
              STORE_ERRORS,
              PROVIDER_ERRORS,
            ),
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
          authMethods: [...session.authMethods],
          authenticatedAt: session.authenticatedAt.toISOString(),
        };
      },
    );

    app.post(
      SIGN_IN_SESSION_PATH,
      {
        config,
        schema: {
          tags,
          summary: 'Open the session of an OpenID Connect sign-in the gateway completed, and set its cookie',
          description:
            'The access token is verified here; the refresh and ID tokens are kept sealed in the session. A session named by `cookie` ends: the new one has a new id. The gateway copies the Set-Cookie header onto its own response.',
          operationId: 'signInSession',
          body: SignInSessionBody,
          response: {
            201: SignedInSession,
            ...errorResponses(
              AUTHENTICATED_ERRORS,
              JSON_BODY_ERRORS,
              { 401: [SessionErrorCode.accessTokenInvalid, SessionErrorCode.tokenRevoked] },
              STORE_ERRORS,
              PROVIDER_ERRORS,
            ),
          },
        },
      },
      async (request, reply) => {
        const opened = await signIn(deps, verifier, request.body, request.log);
        setSessionCookie(reply, deps.cookie, opened.cookie);
        return reply.status(201).send({
          handle: opened.session.handle,
          csrfToken: opened.session.csrfToken,
          expiresAt: opened.session.expiresAt.toISOString(),
        });
      },
    );

    app.post(
      SIGN_OUT_SESSION_PATH,
      {
        config,
        schema: {
          tags,
          summary: "Sign a cookie's session out: end it, revoke its refresh token, and clear the cookie",
          description:
            'Answers the ID token of the ended session, the hint for the identity provider’s own sign-out, or null when the cookie named no active session. The Set-Cookie header clears the cookie either way.',
          operationId: 'signOutSession',
          body: SignOutSessionBody,
          response: {
            200: SignedOutSession,
            ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS, STORE_ERRORS),
          },
        },
      },
      async (request, reply) => {
        const idToken = await signOut(deps, request.body.cookie, request.log);
        clearSessionCookie(reply, deps.cookie);
        return { idToken };
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
        const ended = await endEverySession(deps, userId, request.log);
        request.log.info(
          { event: 'user_sessions_ended', userId, reason: request.body.reason, ended },
          "a user's sessions were ended and their tokens revoked",
        );
        return { ended };
      },
    );
  };
}
