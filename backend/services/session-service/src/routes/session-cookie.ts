import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie } from '../cookies/cookie-header.js';
import {
  clearedSessionCookie,
  SESSION_COOKIE_MAX_LENGTH,
  sessionCookie,
  sessionCookieName,
} from '../cookies/session-cookie.js';

export interface CookieSettings {
  /** Secure and the `__Host-` name; off only for development over http. */
  readonly secure: boolean;
  /** The cookie's Max-Age: the session's absolute lifetime. */
  readonly maxAgeSeconds: number;
}

/**
 * The session cookie the request carries (the gateway forwards the Cookie header to this service
 * alone). Only the configured name counts: with Secure on, a plain-named cookie could have been
 * planted by a sibling subdomain.
 */
export function requestCookie(request: FastifyRequest, settings: CookieSettings): string | undefined {
  const value = readCookie(request.headers.cookie, sessionCookieName(settings.secure));
  return value === undefined || value.length > SESSION_COOKIE_MAX_LENGTH ? undefined : value;
}

export function setSessionCookie(reply: FastifyReply, settings: CookieSettings, value: string): void {
  reply.header('set-cookie', sessionCookie(value, settings.maxAgeSeconds, settings.secure));
}

export function clearSessionCookie(reply: FastifyReply, settings: CookieSettings): void {
  reply.header('set-cookie', clearedSessionCookie(settings.secure));
}
