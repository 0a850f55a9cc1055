/**
 * session-service's contract: its error codes, the session cookie (names, CSRF header, how it is
 * read and set) and the internal routes the gateway calls with their schemas. Nothing here does I/O
 * or pulls in Fastify.
 */

export { readCookie } from '../cookies/cookie-header.js';
export {
  CSRF_HEADER,
  clearedSessionCookie,
  SESSION_COOKIE_MAX_LENGTH,
  SESSION_COOKIE_NAMES,
  sessionCookie,
  sessionCookieName,
} from '../cookies/session-cookie.js';
export { SessionErrorCode } from './error-codes.js';
export {
  END_SESSION_REASONS,
  END_USER_SESSIONS_ROUTE,
  EndedSessions,
  EndUserSessionsBody,
  endUserSessionsPath,
  REVOCATION_ROUTE,
  ResolvedSession,
  ResolveSessionBody,
  revocationPath,
  SESSION_NAME_MAX_LENGTH,
  SESSION_RESOLVE_PATH,
  SIGN_IN_SESSION_PATH,
  SIGN_OUT_SESSION_PATH,
  SignedInSession,
  SignedOutSession,
  SignInSessionBody,
  SignOutSessionBody,
  TokenRevocation,
  UserParams,
} from './internal.js';
export {
  REVOCATION_MARK_BOUND_MS,
  REVOCATION_MARKS_CACHE,
  revocationMarkTag,
  revocationMarkValues,
} from './revocation-marks-cache.js';
