import { type Static, Type } from 'typebox';

/**
 * The gateway's own sign-in routes (AUTH_PROVIDER=oidc only): the gateway is the OpenID Connect
 * client, the browser only ever holds the session cookie.
 */
export const AUTH_PATHS = {
  signIn: '/api/v1/auth/sign-in',
  callback: '/api/v1/auth/callback',
  signOut: '/api/v1/auth/sign-out',
  me: '/api/v1/auth/me',
} as const;

/** Where a browser lands when the identity provider ended its sign-in with an error: `/?sign_in_error=<code>`. */
export const SIGN_IN_ERROR_PARAM = 'sign_in_error';

/** The longest `return_to` taken: a page to land on, not a place to carry data. */
export const RETURN_TO_MAX_LENGTH = 512;

const Instant = Type.String({ format: 'date-time' });

/** `GET /api/v1/auth/sign-in`. */
export const SignInQuery = Type.Object(
  {
    return_to: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: RETURN_TO_MAX_LENGTH,
        description:
          'A path of this site to land on once signed in (default `/`), e.g. `/play?theme=geography`; or a page of an origin the gateway allows in CORS_ORIGINS (the web client in development)',
      }),
    ),
    step_up: Type.Integer({
      minimum: 0,
      maximum: 1,
      default: 0,
      description:
        '1: sign in again with a second factor (what admin routes need); the identity provider is sent `prompt=login`',
    }),
  },
  { additionalProperties: false },
);
export type SignInQuery = Static<typeof SignInQuery>;

const Parameter = (maxLength: number, description: string) =>
  Type.Optional(Type.String({ maxLength, description }));

/** `GET /api/v1/auth/callback`: the authorization response (RFC 6749 section 4.1.2), as the issuer sends it. */
export const CallbackQuery = Type.Object(
  {
    code: Parameter(2048, 'The authorization code'),
    state: Parameter(512, 'The state the sign-in sent'),
    iss: Parameter(2048, 'The issuer that answered (RFC 9207)'),
    session_state: Parameter(512, 'The issuer session state (OpenID Connect Session Management)'),
    error: Parameter(128, 'The OAuth error code, when the sign-in failed'),
    error_description: Parameter(1024, 'What went wrong, for a person'),
    error_uri: Parameter(2048, 'A page about the error'),
  },
  { additionalProperties: false },
);
export type CallbackQuery = Static<typeof CallbackQuery>;

/** `GET /api/v1/auth/me`: who the request's credentials stand for. */
export const CurrentUser = Type.Object({
  id: Type.String({ description: "The user's id at the identity provider (the tokens' subject)" }),
  name: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String()),
  credential: Type.Union([Type.Literal('session'), Type.Literal('bearer')], {
    description: 'What authenticated the request: the session cookie, or a bearer token',
  }),
  authMethods: Type.Array(Type.String(), {
    description:
      "How the session's sign-in was proven (the ID token's `amr`: `pwd`, `otp`, `mfa`); empty for a bearer token",
  }),
  authenticatedAt: Type.Union([Instant, Type.Null()], {
    description: "When the session's sign-in happened; null for a bearer token",
  }),
  stepUpSatisfied: Type.Boolean({
    description: 'Whether admin routes accept these credentials: a sign-in with a second factor',
  }),
  expiresAt: Type.String({
    format: 'date-time',
    description: 'When the session (or the bearer token) expires',
  }),
});
export type CurrentUser = Static<typeof CurrentUser>;

/** `POST /api/v1/auth/sign-out`. */
export const SignedOut = Type.Object({
  endSessionUrl: Type.Union([Type.String({ format: 'uri' }), Type.Null()], {
    description:
      'Where the browser goes next to end its session at the identity provider too (RP-initiated logout, with the ID token as hint); null when the identity provider cannot be reached just now',
  }),
});
export type SignedOut = Static<typeof SignedOut>;
