import {
  CSRF_HEADER,
  type ResolvedSession,
  readCookie,
  SESSION_COOKIE_MAX_LENGTH,
  SESSION_COOKIE_NAMES,
  SessionErrorCode,
} from '@know-foolery/session-service/contract';
import { AppError } from '@know-foolery/shared/errors';
import { forwardFrom } from '@know-foolery/shared/http-client';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { SessionDirectory } from '../clients/session-client.js';
import { changesState, claimedOrigin, ownOrigin, sameSecret } from './csrf.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session whose cookie authenticated this request; null for a bearer token or no credentials. */
    cookieSession: ResolvedSession | null;
  }
}

export interface SessionAuthenticationOptions {
  readonly sessions: SessionDirectory;
  /** Origins besides the gateway's own that may change state with a player's cookie: the web clients. */
  readonly corsOrigins: readonly string[];
}

/**
 * The session cookie's value, the `__Host-` one first: only the host itself can set that one
 * (Secure, Path=/, no Domain), so a sibling subdomain cannot plant a cookie that wins over it.
 */
export function sessionCookieOf(header: string | undefined): string | undefined {
  return readCookie(header, SESSION_COOKIE_NAMES.secure) ?? readCookie(header, SESSION_COOKIE_NAMES.plain);
}

function sessionInvalid(): AppError {
  return new AppError(401, SessionErrorCode.sessionInvalid, 'the session is not valid: sign in again');
}

function csrfRejected(request: FastifyRequest, reason: string): AppError {
  request.log.warn({ reason, method: request.method }, 'cross-site request refused');
  return new AppError(403, SessionErrorCode.csrfRejected, reason);
}

/** A request that changes state with a cookie must come from a page of ours, or else it is refused. */
export function checkOrigin(request: FastifyRequest, corsOrigins: readonly string[]): void {
  const origin = claimedOrigin(request.headers);
  if (origin === undefined)
    throw csrfRejected(request, 'a change made with the session cookie must send Origin or Referer');
  if (origin !== ownOrigin(request.protocol, request.host) && !corsOrigins.includes(origin))
    throw csrfRejected(request, `requests from ${origin} cannot use the session cookie`);
}

export function checkCsrfToken(request: FastifyRequest, session: ResolvedSession): void {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken))
    throw csrfRejected(request, `the ${CSRF_HEADER} header must carry the session's CSRF token`);
}

/**
 * A browser signed in with a session cookie and no Authorization header: session-service resolves
 * the cookie, and the session's access token becomes the request's bearer token, so the
 * authentication that follows (and every service behind the gateway) verifies a real signed token
 * as for any other caller. A request that changes state must also pass the CSRF checks: an Origin
 * of ours, then the session's CSRF token in its header. Public routes never look at the cookie.
 */
export function sessionAuthentication(options: SessionAuthenticationOptions): FastifyPluginAsync {
  return fastifyPlugin(
    async (app) => {
      app.decorateRequest('cookieSession', null);
      app.addHook('onRequest', async (request) => {
        const auth = request.routeOptions.config.auth;
        if (auth === undefined || 'public' in auth || request.headers.authorization !== undefined) return;
        const cookie = sessionCookieOf(request.headers.cookie);
        if (cookie === undefined) return;
        const unsafe = changesState(request.method);
        if (unsafe) checkOrigin(request, options.corsOrigins);
        if (cookie === '' || cookie.length > SESSION_COOKIE_MAX_LENGTH) throw sessionInvalid();
        const session = await options.sessions.resolve(cookie, forwardFrom(request));
        if (unsafe) checkCsrfToken(request, session);
        request.headers.authorization = `Bearer ${session.accessToken}`;
        request.cookieSession = session;
      });
    },
    // Stryker disable next-line StringLiteral: metadata for Fastify's registry; nothing asks for it
    { name: 'know-foolery-session-authentication', fastify: '5.x' },
  );
}
