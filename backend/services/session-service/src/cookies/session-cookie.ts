/**
 * The session cookie's names. `__Host-` makes the browser refuse it unless it is Secure, has
 * Path=/ and no Domain, so no sibling subdomain can plant or overwrite it; the plain name serves
 * development over http, where a Secure cookie would not be sent back.
 */
export const SESSION_COOKIE_NAMES = { secure: '__Host-kf_session', plain: 'kf_session' } as const;

/** The request header the browser sends the session's CSRF token back in (lower case, as Node reads it). */
export const CSRF_HEADER = 'x-csrf-token';

/** The longest session cookie value taken; a signed one is far shorter. */
export const SESSION_COOKIE_MAX_LENGTH = 512;

/** RFC 6265 cookie-octets: what a cookie value may hold without quoting. */
const COOKIE_OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

export function sessionCookieName(secure: boolean): string {
  return secure ? SESSION_COOKIE_NAMES.secure : SESSION_COOKIE_NAMES.plain;
}

/**
 * A Set-Cookie header value for the session cookie: HttpOnly (no script reads it), SameSite=Lax (not
 * sent on cross-site subrequests or form posts), Path=/, and Secure with the `__Host-` name unless
 * `secure` is off (development over http).
 */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  if (!COOKIE_OCTETS.test(value)) throw new RangeError('a cookie value holds only cookie-octets');
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 0) {
    throw new RangeError('a cookie Max-Age is a whole number of seconds, 0 or more');
  }
  const attributes = [`Max-Age=${maxAgeSeconds}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (secure) attributes.push('Secure');
  return [`${sessionCookieName(secure)}=${value}`, ...attributes].join('; ');
}

/** A Set-Cookie header value that makes the browser drop the session cookie at once. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
