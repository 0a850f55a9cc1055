import { SessionErrorCode } from '@know-foolery/session-service/contract';
import { ErrorCode } from '@know-foolery/shared/errors';
import {
  AUTHENTICATED_ERRORS,
  documented,
  type ErrorCodesByStatus,
  errorResponses,
  INPUT_ERRORS,
  UPSTREAM_ERRORS,
} from '@know-foolery/shared/http-server';
import { CurrentUser, SIGN_IN_ERROR_PARAM, SignedOut } from '../contract/auth.js';
import { GatewayErrorCode } from '../contract/error-codes.js';

const tags = ['auth'];

/** A redirect: no body, the next address in Location. */
function redirect(description: string) {
  return {
    type: 'null',
    description,
    headers: { location: { type: 'string', description: 'Where the browser goes next' } },
  } as const;
}

/** The issuer cannot be reached (503), besides session-service's own failures. */
const ISSUER_ERRORS: ErrorCodesByStatus = { 503: [ErrorCode.upstreamUnavailable] };

export const SIGN_IN_SCHEMA = {
  tags,
  summary: 'Sign in through the identity provider (a browser navigates here)',
  description:
    'Starts the authorization code flow with PKCE (S256), state and nonce, keeps them in a sealed HttpOnly cookie for 10 minutes, and redirects to the identity provider. `step_up=1` asks it to authenticate again (`prompt=login`), for the second factor admin routes need.',
  operationId: 'signIn',
  security: [],
  response: {
    302: redirect("To the identity provider's authorization endpoint"),
    ...errorResponses(INPUT_ERRORS, { 400: [GatewayErrorCode.signInReturnToInvalid] }, ISSUER_ERRORS),
  },
} as const;

export const CALLBACK_SCHEMA = {
  tags,
  summary: 'Where the identity provider sends the browser back (the redirect URI)',
  description: `Checks the state against this browser's pending sign-in, exchanges the code, opens the session (its cookie set here) and redirects to \`return_to\`. When the identity provider reports an error (\`access_denied\`, ...) it redirects to \`/?${SIGN_IN_ERROR_PARAM}=<OAuth error code>\` instead.`,
  operationId: 'signInCallback',
  security: [],
  response: {
    302: redirect(
      `To \`return_to\`, signed in; or to \`/?${SIGN_IN_ERROR_PARAM}=<code>\` after an error at the identity provider`,
    ),
    ...errorResponses(
      INPUT_ERRORS,
      {
        400: [
          GatewayErrorCode.signInNotPending,
          GatewayErrorCode.signInStateMismatch,
          GatewayErrorCode.signInCodeRejected,
          GatewayErrorCode.signInResponseInvalid,
        ],
        401: [SessionErrorCode.accessTokenInvalid, SessionErrorCode.tokenRevoked],
      },
      ISSUER_ERRORS,
      UPSTREAM_ERRORS,
    ),
  },
} as const;

export const SIGN_OUT_SCHEMA = {
  tags,
  summary: 'Sign out: end the session, then the identity provider session',
  description:
    "Ends the session the cookie names (and revokes its refresh token) and clears the cookie. A browser then navigates to `endSessionUrl` to sign out at the identity provider too. With the cookie, the request must come from an allowed Origin and carry the session's CSRF token in X-CSRF-Token, as every change made with the cookie.",
  operationId: 'signOut',
  security: [],
  response: {
    200: documented(SignedOut, 'Signed out here; the identity provider is next', [
      {
        endSessionUrl:
          'https://issuer.example.org/oidc/v1/end_session?client_id=web&post_logout_redirect_uri=https%3A%2F%2Fplay.example.org%2F&id_token_hint=eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
      },
    ]),
    ...errorResponses({ 403: [SessionErrorCode.csrfRejected] }, UPSTREAM_ERRORS),
  },
} as const;

export const ME_SCHEMA = {
  tags,
  summary: 'Who the credentials stand for, and how they signed in',
  operationId: 'currentUser',
  response: {
    200: documented(CurrentUser, 'The signed-in user', [
      {
        id: '300000000000000101',
        name: 'Pat Player',
        roles: ['player'],
        credential: 'session',
        authMethods: ['pwd'],
        authenticatedAt: '2026-11-25T10:00:00.000Z',
        stepUpSatisfied: false,
        expiresAt: '2026-11-26T10:00:00.000Z',
      },
    ]),
    ...errorResponses(AUTHENTICATED_ERRORS, { 401: [SessionErrorCode.sessionInvalid] }, UPSTREAM_ERRORS),
  },
} as const;
