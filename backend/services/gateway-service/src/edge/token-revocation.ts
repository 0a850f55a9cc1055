import { SessionErrorCode } from '@know-foolery/session-service/contract';
import { AppError } from '@know-foolery/shared/errors';
import { forwardFrom } from '@know-foolery/shared/http-client';
import type { FastifyPluginAsync } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { SessionDirectory } from '../clients/session-client.js';

function tokenRevoked(): AppError {
  return new AppError(401, SessionErrorCode.tokenRevoked, 'the token was revoked: sign in again', {
    headers: {
      'www-authenticate':
        'Bearer realm="know-foolery", error="invalid_token", error_description="the token was revoked"',
    },
  });
}

/** session-service itself failed (down, its store down, too slow, a broken answer), not the caller. */
const serverSideFailure = (error: unknown): boolean => error instanceof AppError && error.statusCode >= 500;

/**
 * session-service refused the gateway's own lookup (a 4xx): the two disagree on its contract. That
 * is the gateway's failure, not the caller's: a plain error, which the problem handler logs and
 * answers as any internal one, so the caller is not shown session-service's refusal.
 */
function lookupRefused(cause: unknown): Error {
  return new Error('session-service refused the revocation lookup', { cause });
}

/**
 * After authentication: a bearer token issued before its user's revocation mark ("log out
 * everywhere") is refused. A token from a session cookie is not checked again, since ending the
 * sessions ended that token's way in. When session-service cannot say, the token is let through
 * with a warning: bearer requests keep working while the session store is down (issue 12), and
 * the token still expires on its own. A refused lookup lets nothing through either: 500.
 */
export function tokenRevocation(sessions: SessionDirectory): FastifyPluginAsync {
  return fastifyPlugin(
    async (app) => {
      app.addHook('onRequest', async (request) => {
        const { user } = request;
        if (user === null || request.cookieSession !== null) return;
        let mark: Date | null;
        try {
          mark = await sessions.tokensIssuedBefore(user.id, forwardFrom(request));
        } catch (error) {
          if (!serverSideFailure(error)) throw lookupRefused(error);
          request.log.warn({ err: error }, 'revocation marks unavailable: the bearer token is let through');
          return;
        }
        if (mark !== null && user.issuedAt.getTime() < mark.getTime()) throw tokenRevoked();
      });
    },
    // Stryker disable next-line StringLiteral: metadata for Fastify's registry; nothing asks for it
    {
      name: 'know-foolery-token-revocation',
      fastify: '5.x',
      dependencies: ['know-foolery-auth', 'know-foolery-session-authentication'],
    },
  );
}
