/**
 * Browsers send a few kilobytes of cookies at most; a longer header is not read at all, so a
 * crafted one costs no more than this to scan.
 */
export const MAX_COOKIE_HEADER_LENGTH = 16_384;

/**
 * The value of the first cookie called `name` in a Cookie request header (RFC 6265 section 5.4),
 * without the optional surrounding quotes; undefined when there is none. Values are taken as sent:
 * the session cookie holds only URL-safe characters, so nothing needs decoding.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header.length > MAX_COOKIE_HEADER_LENGTH) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    // Stryker disable next-line EqualityOperator: at 0 the name read is empty and never equals one asked for
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return undefined;
}
