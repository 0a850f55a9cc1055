import {
  type ResolvedSession,
  SESSION_COOKIE_MAX_LENGTH,
  SessionErrorCode,
} from '@know-foolery/session-service/contract';
import { authenticatedUser, playerAccess, publicAccess } from '@know-foolery/shared/auth';
import { AppError } from '@know-foolery/shared/errors';
import { forwardFrom } from '@know-foolery/shared/http-client';
import type { ServiceApp } from '@know-foolery/shared/http-server';
import type { FastifyRequest } from 'fastify';
import type { SessionDirectory } from '../clients/session-client.js';
import { AUTH_PATHS, type CurrentUser } from '../contract/auth.js';
import { checkCsrfToken, checkOrigin, sessionCookieOf } from '../edge/session-auth.js';
import type { SignInComponents } from '../sign-in/components.js';
import { stepUpSatisfied } from '../sign-in/second-factor.js';
import { ME_SCHEMA, SIGN_OUT_SCHEMA } from './auth-schemas.js';

export interface SessionRoutesOptions {
  readonly components: SignInComponents;
  readonly directory: SessionDirectory;
  /** Origins besides the gateway's own that may sign a player out with their cookie: the web clients. */
  readonly corsOrigins: readonly string[];
}

/** The live session a cookie names, or null when it has ended already (nothing left to protect). */
async function liveSession(
  directory: SessionDirectory,
  cookie: string,
  request: FastifyRequest,
): Promise<ResolvedSession | null> {
  try {
    return await directory.resolve(cookie, forwardFrom(request));
  } catch (error) {
    if (error instanceof AppError && error.code === SessionErrorCode.sessionInvalid) return null;
    throw error;
  }
}

/**
 * `sign-out` ends the cookie's session at session-service (which revokes its refresh token and
 * answers the ID token) and answers the issuer's end-session URL for the browser to go to next.
 * It is public so that a browser whose session already ended can still clear its cookie; a live
 * session is protected as every change made with the cookie is: an allowed Origin and its CSRF
 * token. `me` says who the credentials stand for, and whether admin routes would take them.
 */
export function sessionRoutes(options: SessionRoutesOptions) {
  const { components, directory, corsOrigins } = options;
  return async (app: ServiceApp) => {
    app.post(
      AUTH_PATHS.signOut,
      { config: { auth: publicAccess }, schema: SIGN_OUT_SCHEMA },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const cookie = sessionCookieOf(request.headers.cookie);
        let idToken: string | null = null;
        if (cookie !== undefined && cookie !== '' && cookie.length <= SESSION_COOKIE_MAX_LENGTH) {
          checkOrigin(request, corsOrigins);
          const session = await liveSession(directory, cookie, request);
          if (session !== null) checkCsrfToken(request, session);
          const ended = await components.sessions.signOut({ cookie }, forwardFrom(request));
          reply.header('set-cookie', [...ended.setCookies]);
          idToken = ended.body.idToken;
        }
        return { endSessionUrl: await components.relyingParty.endSessionUrl(idToken) };
      },
    );

    app.get(AUTH_PATHS.me, { config: { auth: playerAccess }, schema: ME_SCHEMA }, async (request, reply) => {
      const user = authenticatedUser(request);
      const session = request.cookieSession;
      reply.header('cache-control', 'no-store');
      const current: CurrentUser = {
        id: user.id,
        // A session's name is the sign-in's (the ID token's); an access token names nobody at Zitadel.
        name: session === null ? user.name : session.name,
        roles: [...user.roles],
        credential: session === null ? 'bearer' : 'session',
        authMethods: session === null ? [] : [...session.authMethods],
        authenticatedAt: session?.authenticatedAt ?? null,
        stepUpSatisfied: stepUpSatisfied(session, user.id, components.machineAdmins),
        expiresAt: session?.expiresAt ?? user.expiresAt.toISOString(),
      };
      return current;
    });
  };
}
