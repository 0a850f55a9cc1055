/** Where a browser lands after signing in when it asked for nowhere in particular. */
export const DEFAULT_RETURN_TO = '/';

/** Resolving against a host that cannot exist shows whether a path would leave the site. */
const PROBE_ORIGIN = 'https://gateway.invalid';
/** Browsers read a backslash as a slash, and drop tabs and newlines from URLs before resolving them. */
const BACKSLASH_OR_SPACE = /[\\\s]/;

const hasControlCharacter = (text: string): boolean =>
  [...text].some((character) => {
    const code = character.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f;
  });

/**
 * `returnTo` when it is a path of this site, else undefined: never an absolute URL, a scheme, a
 * protocol-relative `//host` (or `/\host`, which browsers read the same way), or anything holding
 * whitespace or control characters. The gateway redirects there after the callback, so anything
 * else would make it an open redirect. Answered as the URL parser writes it (dot segments
 * resolved, anything outside ASCII percent-encoded), fit for a Location header.
 */
export function sameSiteReturnTo(returnTo: string): string | undefined {
  if (!returnTo.startsWith('/') || returnTo.startsWith('//')) return undefined;
  if (BACKSLASH_OR_SPACE.test(returnTo) || hasControlCharacter(returnTo)) return undefined;
  const resolved = URL.canParse(returnTo, PROBE_ORIGIN) ? new URL(returnTo, PROBE_ORIGIN) : undefined;
  if (resolved?.origin !== PROBE_ORIGIN) return undefined;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/**
 * Where to land once signed in: a path of this site, or a page of an origin the gateway already
 * trusts with credentials (`CORS_ORIGINS`: outside production, the web client's development
 * server, so that signing in there comes back there). Nothing else: no user info in the URL, no
 * whitespace or control characters. Answered as the URL parser writes it.
 */
export function allowedReturnTo(returnTo: string, trustedOrigins: readonly string[]): string | undefined {
  const path = sameSiteReturnTo(returnTo);
  if (path !== undefined) return path;
  if (BACKSLASH_OR_SPACE.test(returnTo) || hasControlCharacter(returnTo) || !URL.canParse(returnTo))
    return undefined;
  const page = new URL(returnTo);
  const trusted = trustedOrigins.includes(page.origin) && page.username === '' && page.password === '';
  return trusted ? page.href : undefined;
}
