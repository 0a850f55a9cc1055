import type { Server } from 'node:http';
import type { PendingSignIn } from '../src/sign-in/pending-sign-in.js';
import { OidcRelyingParty } from '../src/sign-in/relying-party.js';

/**
 * What the relying party's tests share about the stand-in issuers they run: the client, the sign-in
 * the callback completes, and the issuer's discovery document and ID tokens.
 */

export const CLIENT_ID = 'know-foolery-web';
export const NOW = new Date();
/** The sign-in waiting for its callback; `CALLBACK_QUERY` is the issuer sending the browser back to it. */
export const PENDING: PendingSignIn = {
  state: 'the-state',
  nonce: 'the-nonce',
  codeVerifier: 'v'.repeat(43),
  returnTo: '/',
  expiresAt: NOW.getTime() + 600_000,
};
export const CALLBACK_QUERY = '?code=c1&state=the-state';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An ID token for the pending sign-in, `claims` over the valid ones. It is checked for its claims,
 * not its signature (OpenID Connect Core 3.1.3.7: it came straight from the token endpoint).
 */
export function unsignedIdToken(issuer: string, claims: Record<string, unknown> = {}): string {
  const seconds = Math.floor(Date.now() / 1000);
  const payload = {
    iss: issuer,
    sub: 'u1',
    aud: CLIENT_ID,
    iat: seconds,
    exp: seconds + 300,
    nonce: PENDING.nonce,
  };
  return `${encode({ alg: 'RS256', kid: 'k1' })}.${encode({ ...payload, ...claims })}.c2lnbmF0dXJl`;
}

/** The issuer's discovery document: the endpoints every issuer has, and `extra` (optional ones). */
export function discoveryDocument(
  issuer: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/v2/authorize`,
    token_endpoint: `${issuer}/oauth/v2/token`,
    jwks_uri: `${issuer}/oauth/v2/keys`,
    ...extra,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
  };
}

/** The gateway's relying party for `issuer` (plain HTTP allowed), asking for `scopes`. */
export function relyingPartyOf(issuer: string, scopes: readonly string[]): OidcRelyingParty {
  return new OidcRelyingParty({
    issuer,
    clientId: CLIENT_ID,
    clientSecret: 'know-foolery-web-development-secret',
    redirectUri: 'http://localhost:3000/api/v1/auth/callback',
    postLogoutRedirectUri: 'http://localhost:3000/',
    scopes,
    timeoutMs: 2_000,
    clockToleranceSeconds: 5,
    allowHttp: true,
  });
}

/** Starts `server` on a free loopback port; answers its origin. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the stand-in issuer listens on no port');
  return `http://127.0.0.1:${address.port}`;
}
