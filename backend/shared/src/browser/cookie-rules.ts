import { isIP } from 'node:net';

/**
 * The matching rules of RFC 6265 (section 5.1) a browser applies to cookies, as plain functions of
 * URLs and strings.
 */

/** The host a cookie is kept for: lower case, an IPv6 address without its brackets. */
export function cookieHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** Whether `host` is `domain` or a name under it; an IP address matches only itself (5.1.3). */
export function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  return isIP(host) === 0 && host.endsWith(`.${domain}`);
}

/** Whether a cookie with `cookiePath` goes with a request for `requestPath` (5.1.4). */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

/** The path a cookie without a Path attribute gets: the request path's directory (5.1.4). */
export function defaultPath(url: URL): string {
  const path = url.pathname;
  const lastSlash = path.lastIndexOf('/');
  return lastSlash <= 0 ? '/' : path.slice(0, lastSlash);
}

const LOOPBACK_NAMES = /(^|\.)localhost$/;

/**
 * Whether browsers treat the URL's origin as secure (a "potentially trustworthy" origin): https,
 * wss, or the loopback interface, where they store and send Secure cookies over plain http too.
 */
export function isSecureOrigin(url: URL): boolean {
  if (url.protocol === 'https:' || url.protocol === 'wss:') return true;
  const host = cookieHost(url);
  return LOOPBACK_NAMES.test(host) || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}
