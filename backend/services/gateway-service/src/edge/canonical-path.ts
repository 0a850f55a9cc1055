import { badRequest } from '@know-foolery/shared/errors';
import type { FastifyRequest } from 'fastify';

export const NON_CANONICAL_PATH = 'NON_CANONICAL_PATH';

/** RFC 3986 `pchar` written as itself: unreserved, sub-delims, ':' and '@'. */
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const ESCAPE = /%([0-9A-Fa-f]{2})/g;

/** Characters that must never arrive escaped: they would be read as another spelling of the path. */
function isForbiddenEscape(hex: string): boolean {
  const byte = Number.parseInt(hex, 16);
  const character = String.fromCharCode(byte);
  return (
    UNRESERVED.test(character) || character === '/' || character === '\\' || byte < 0x20 || byte === 0x7f
  );
}

function isCanonicalSegment(segment: string): boolean {
  if (segment === '.' || segment === '..' || !SEGMENT.test(segment)) return false;
  for (const [, hex] of segment.matchAll(ESCAPE)) {
    if (hex !== undefined && isForbiddenEscape(hex)) return false;
  }
  return true;
}

/**
 * The one spelling of a path the gateway accepts: absolute, no empty, `.` or `..` segment (a
 * trailing slash aside), no backslash, and no escaped letter, digit, `-._~`, slash, backslash or
 * control character. Fastify's router, the proxy's URL parser and each service's router all
 * normalise some other spelling differently (`%61nswers` is routed as `answers`, `./answers` is
 * resolved by the proxy); refusing them means the rate limits, body limits and the service all
 * see the same path, instead of the gateway having to mirror three parsers' rules exactly.
 */
export function isCanonicalPath(path: string): boolean {
  if (!path.startsWith('/')) return false;
  const segments = path.slice(1).split('/');
  const last = segments.length - 1;
  return segments.every(
    (segment, index) => (index === last && segment === '') || isCanonicalSegment(segment),
  );
}

export const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? request.url;

export async function refuseNonCanonicalPaths(request: FastifyRequest): Promise<void> {
  if (isCanonicalPath(pathOf(request))) return;
  throw badRequest(
    'the path is not in canonical form: write it without dot or empty segments, backslashes, ' +
      'or percent-encoded letters, digits, "-", ".", "_", "~" or "/"',
    NON_CANONICAL_PATH,
  );
}
