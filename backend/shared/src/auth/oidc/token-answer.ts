import { type Claims, isJsonObject, stringClaim } from './json-claims.js';

/** A token endpoint's successful answer (RFC 6749 section 5.1), as far as a client credentials grant needs it. */
export interface IssuedAccessToken {
  readonly accessToken: string;
  /** `expires_in`: seconds from when the answer was given. */
  readonly expiresInSeconds: number;
}

/** Longer than any token endpoint error code or description worth showing in a log line. */
const MAX_ISSUER_TEXT = 200;

/** Why an answer cannot be used; the caller wraps it in its own error. */
export class UnusableTokenAnswer extends Error {}

/**
 * The access token of a 200 answer. `expires_in` is only RECOMMENDED by RFC 6749 but Zitadel always
 * sends it, and without it a client cannot know when to ask again: such an answer is refused.
 */
export function readIssuedAccessToken(body: unknown): IssuedAccessToken {
  if (!isJsonObject(body)) throw new UnusableTokenAnswer('the token endpoint answered without a JSON object');
  const accessToken = stringClaim(body, 'access_token');
  if (accessToken === undefined || accessToken.trim() === '') {
    throw new UnusableTokenAnswer('the token endpoint answered without an access_token');
  }
  if (stringClaim(body, 'token_type')?.toLowerCase() !== 'bearer') {
    throw new UnusableTokenAnswer('the token endpoint answered with a token_type other than Bearer');
  }
  const expiresIn = body.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new UnusableTokenAnswer('the token endpoint answered without a positive expires_in');
  }
  return { accessToken, expiresInSeconds: expiresIn };
}

/** An error answer (RFC 6749 section 5.2): `invalid_client (client authentication failed)`, trimmed. */
export function describeTokenError(body: unknown): string | null {
  if (!isJsonObject(body)) return null;
  const error = printable(body, 'error');
  if (error === null) return null;
  const description = printable(body, 'error_description');
  return description === null ? error : `${error} (${description})`;
}

function printable(body: Claims, name: string): string | null {
  const value = stringClaim(body, name)?.replace(/[^\x20-\x7e]/g, '?');
  if (value === undefined || value === '') return null;
  return value.length > MAX_ISSUER_TEXT ? `${value.slice(0, MAX_ISSUER_TEXT)}...` : value;
}
