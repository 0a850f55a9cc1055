/**
 * The Content-Security-Policy of the web client's page: its own scripts, styles and API calls and
 * nothing else (no inline script or style, no other origin, no framing). The API's own answers keep
 * the stricter `default-src 'none'` set for every response.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names every asset by its content: a name never changes meaning, so it may be kept a year. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** The page names the current assets: always asked for again (a 304 when unchanged). */
export const PAGE_CACHE_CONTROL = 'no-cache';
