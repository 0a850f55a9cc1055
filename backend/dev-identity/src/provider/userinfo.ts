import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { bearerToken, sendJson } from '../http/messages.js';
import type { UserDirectory } from '../users/user-directory.js';
import { accountClaims, claimsForScopes } from './account-claims.js';
import { type LocalJwtVerifier, looksLikeJwt } from './local-jwt.js';

interface UserinfoContext {
  directory: UserDirectory;
  verifier: LocalJwtVerifier;
  projectId: string;
}

interface TokenSubject {
  accountId: string;
  scopes: ReadonlySet<string>;
}

/**
 * Whose token this is and what it may see. oidc-provider keeps no record of a JWT access token, so
 * one counts when its signature, issuer and audience hold; an opaque one when its record does and
 * its grant is still alive (not revoked).
 */
async function subjectOf(
  value: string,
  provider: Provider,
  verifier: LocalJwtVerifier,
): Promise<TokenSubject | undefined> {
  if (looksLikeJwt(value)) {
    const claims = await verifier.verify(value);
    if (typeof claims?.sub !== 'string' || typeof claims.scope !== 'string') return undefined;
    return { accountId: claims.sub, scopes: new Set(claims.scope.split(' ')) };
  }
  const token = await provider.AccessToken.find(value);
  if (token?.accountId === undefined || token.grantId === undefined) return undefined;
  if ((await provider.Grant.find(token.grantId)) === undefined) return undefined;
  return { accountId: token.accountId, scopes: new Set(token.scope?.split(' ')) };
}

function refuse(response: ServerResponse, status: 401 | 403, error: string, description: string): void {
  response.setHeader('www-authenticate', `Bearer error="${error}", error_description="${description}"`);
  sendJson(response, status, { error, error_description: description });
}

/**
 * Zitadel's userinfo endpoint. oidc-provider's own refuses every access token bound to a resource
 * (its userinfo wants audience-less tokens), while Zitadel answers for the project-bound tokens its
 * clients hold; so the stand-in answers here for any of its active users' access tokens, JWT or opaque.
 * Source: https://zitadel.com/docs/apis/openidoauth/endpoints (userinfo_endpoint)
 */
export async function answerUserinfo(
  request: IncomingMessage,
  response: ServerResponse,
  provider: Provider,
  context: UserinfoContext,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'POST') {
    sendJson(response, 405, { error: 'invalid_request', error_description: 'use GET or POST' });
    return;
  }
  const value = bearerToken(request);
  if (value === undefined) {
    refuse(response, 401, 'invalid_token', 'no access token provided');
    return;
  }
  const subject = await subjectOf(value, provider, context.verifier);
  const user = subject === undefined ? undefined : context.directory.findActive(subject.accountId);
  if (subject === undefined || user === undefined) {
    refuse(response, 401, 'invalid_token', 'invalid or expired access token');
    return;
  }
  if (!subject.scopes.has('openid')) {
    refuse(response, 403, 'insufficient_scope', 'access token missing openid scope');
    return;
  }
  const claims = accountClaims(user, context.directory.rolesOf(user.id), context.projectId);
  sendJson(response, 200, claimsForScopes(claims, subject.scopes, context.projectId));
}
