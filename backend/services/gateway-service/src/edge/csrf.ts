import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Methods that change nothing: a cross-site request with one of them cannot act for the player. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method);
}

function originOfUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the request says it comes from: its Origin header, or without one the origin of its
 * Referer (some browsers leave Origin out of a same-origin request). An opaque origin (`null`,
 * from a sandboxed frame or a redirect across sites) is no origin.
 */
export function claimedOrigin(headers: IncomingHttpHeaders): string | undefined {
  const { origin, referer } = headers;
  if (origin !== undefined) return originOfUrl(origin);
  return referer === undefined ? undefined : originOfUrl(referer);
}

/** The gateway's own origin, as the browser addressed it. */
export function ownOrigin(protocol: string, host: string): string | undefined {
  return originOfUrl(`${protocol}://${host}`);
}

/**
 * Whether two secrets are equal, in time that depends on neither: both are hashed first, so the
 * comparison always runs over 32 bytes whatever the lengths sent.
 */
export function sameSecret(sent: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(sent), digest(expected));
}
