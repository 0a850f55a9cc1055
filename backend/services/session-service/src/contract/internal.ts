import { type Static, Type } from 'typebox';
import { SESSION_COOKIE_MAX_LENGTH } from '../cookies/session-cookie.js';

/**
 * The routes the gateway (and in Phase 1C admin user management) calls with a service's own
 * identity. The gateway never routes `/internal`.
 */

/** A user id as tokens carry it (the subject): what the path parameters below take. */
const USER_ID_MAX_LENGTH = 128;
const Instant = Type.String({ format: 'date-time' });

export const SESSION_RESOLVE_PATH = '/internal/v1/sessions/resolve';
export const REVOCATION_ROUTE = '/internal/v1/revocations/:userId';
export const END_USER_SESSIONS_ROUTE = '/internal/v1/users/:userId/sessions/end';

export function revocationPath(userId: string): string {
  return `/internal/v1/revocations/${encodeURIComponent(userId)}`;
}

export function endUserSessionsPath(userId: string): string {
  return `/internal/v1/users/${encodeURIComponent(userId)}/sessions/end`;
}

export const UserParams = Type.Object(
  { userId: Type.String({ minLength: 1, maxLength: USER_ID_MAX_LENGTH }) },
  { additionalProperties: false },
);
export type UserParams = Static<typeof UserParams>;

/** `POST /internal/v1/sessions/resolve`: the session cookie's value, as the browser sent it. */
export const ResolveSessionBody = Type.Object(
  { cookie: Type.String({ minLength: 1, maxLength: SESSION_COOKIE_MAX_LENGTH }) },
  { additionalProperties: false },
);
export type ResolveSessionBody = Static<typeof ResolveSessionBody>;

/**
 * What a valid cookie stands for. The gateway sends `accessToken` on as the request's bearer
 * token and checks `csrfToken` against the X-CSRF-Token header of state-changing requests.
 */
export const ResolvedSession = Type.Object({
  /** The session's public id: the keyed hash of its secret id. */
  handle: Type.String(),
  userId: Type.String(),
  roles: Type.Array(Type.String()),
  name: Type.Union([Type.String(), Type.Null()]),
  accessToken: Type.String(),
  csrfToken: Type.String(),
  expiresAt: Instant,
});
export type ResolvedSession = Static<typeof ResolvedSession>;

/** `GET /internal/v1/revocations/:userId`: tokens issued before this instant are refused; null when none are. */
export const TokenRevocation = Type.Object({
  tokensIssuedBefore: Type.Union([Instant, Type.Null()]),
});
export type TokenRevocation = Static<typeof TokenRevocation>;

export const END_SESSION_REASONS = ['deactivated', 'roles_changed'] as const;

/** `POST /internal/v1/users/:userId/sessions/end`: why the user's sessions end, for the log. */
export const EndUserSessionsBody = Type.Object(
  { reason: Type.Union(END_SESSION_REASONS.map((reason) => Type.Literal(reason))) },
  { additionalProperties: false },
);
export type EndUserSessionsBody = Static<typeof EndUserSessionsBody>;

export const EndedSessions = Type.Object({ ended: Type.Integer({ minimum: 0 }) });
export type EndedSessions = Static<typeof EndedSessions>;
