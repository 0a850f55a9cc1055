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
export const SIGN_IN_SESSION_PATH = '/internal/v1/sessions/sign-in';
export const SIGN_OUT_SESSION_PATH = '/internal/v1/sessions/sign-out';
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
  /** How the player proved who they are (the sign-in's amr claim): step-up checks look for `mfa` or `otp`. */
  authMethods: Type.Array(Type.String()),
  authenticatedAt: Instant,
});
export type ResolvedSession = Static<typeof ResolvedSession>;

/** A token as the issuer hands it out: compact JWTs and opaque tokens both fit. */
const TOKEN_MAX_LENGTH = 8192;
const Token = Type.String({ minLength: 1, maxLength: TOKEN_MAX_LENGTH });
const AUTH_METHOD_MAX_COUNT = 16;
const AUTH_METHOD_MAX_LENGTH = 64;
const CLIENT_LABEL_MAX_LENGTH = 64;
/** The longest name a session shows: as long as the names access tokens may carry. */
export const SESSION_NAME_MAX_LENGTH = 64;
/** Text fit to show as it is: no control characters. */
const PRINTABLE = '^[^\\u0000-\\u001f\\u007f]+$';

/**
 * `POST /internal/v1/sessions/sign-in`: the tokens of an OpenID Connect sign-in the gateway
 * completed. The access token is verified here again; the refresh and ID tokens stay sealed in the
 * session. `cookie` is the request's current session cookie, ended so the new session has a new id.
 */
export const SignInSessionBody = Type.Object(
  {
    accessToken: Token,
    accessTokenExpiresAt: Instant,
    refreshToken: Type.Union([Token, Type.Null()]),
    idToken: Token,
    authenticatedAt: Instant,
    authMethods: Type.Array(Type.String({ minLength: 1, maxLength: AUTH_METHOD_MAX_LENGTH }), {
      maxItems: AUTH_METHOD_MAX_COUNT,
    }),
    client: Type.Union([
      Type.String({ minLength: 1, maxLength: CLIENT_LABEL_MAX_LENGTH, pattern: PRINTABLE }),
      Type.Null(),
    ]),
    /**
     * Who signed in, as the ID token (or userinfo) names them: the session shows it. Absent or
     * null, the session takes the access token's name, which Zitadel's tokens do not carry.
     */
    name: Type.Optional(
      Type.Union([
        Type.String({ minLength: 1, maxLength: SESSION_NAME_MAX_LENGTH, pattern: PRINTABLE }),
        Type.Null(),
      ]),
    ),
    cookie: Type.Optional(Type.String({ minLength: 1, maxLength: SESSION_COOKIE_MAX_LENGTH })),
  },
  { additionalProperties: false },
);
export type SignInSessionBody = Static<typeof SignInSessionBody>;

/** The session a sign-in opened; the response's Set-Cookie header carries its cookie. */
export const SignedInSession = Type.Object({
  handle: Type.String(),
  csrfToken: Type.String(),
  expiresAt: Instant,
});
export type SignedInSession = Static<typeof SignedInSession>;

/** `POST /internal/v1/sessions/sign-out`: the session cookie's value, as the browser sent it. */
export const SignOutSessionBody = Type.Object(
  { cookie: Type.String({ minLength: 1, maxLength: SESSION_COOKIE_MAX_LENGTH }) },
  { additionalProperties: false },
);
export type SignOutSessionBody = Static<typeof SignOutSessionBody>;

/**
 * The ended session's ID token, the hint for the issuer's RP-initiated logout; null when the cookie
 * named no session. The response's Set-Cookie header clears the cookie.
 */
export const SignedOutSession = Type.Object({ idToken: Type.Union([Type.String(), Type.Null()]) });
export type SignedOutSession = Static<typeof SignedOutSession>;

/** `GET /internal/v1/revocations/:userId`: tokens issued before this instant are refused; null when none are. */
export const TokenRevocation = Type.Object({
  tokensIssuedBefore: Type.Union([Instant, Type.Null()]),
});
export type TokenRevocation = Static<typeof TokenRevocation>;

export const END_SESSION_REASONS = ['deactivated', 'roles_changed'] as const;

/** `POST /internal/v1/users/:userId/sessions/end`: why the user's sessions end, for the log. */
export const EndUserSessionsBody = Type.Object(
  // An enum, not a union of mapped literals: TypeBox types a mapped array's union as never.
  { reason: Type.Enum(END_SESSION_REASONS) },
  { additionalProperties: false },
);
export type EndUserSessionsBody = Static<typeof EndUserSessionsBody>;

export const EndedSessions = Type.Object({ ended: Type.Integer({ minimum: 0 }) });
export type EndedSessions = Static<typeof EndedSessions>;
