import { SessionErrorCode } from '@know-foolery/session-service/contract';
import { ErrorCode } from '@know-foolery/shared/errors';
import { type ErrorCodesByStatus, mergeErrorCodes } from '@know-foolery/shared/http-server';
import { GatewayErrorCode } from '../contract/error-codes.js';
import { changesState } from '../edge/csrf.js';
import { bucketOf, type RateBucket } from '../edge/rate-limit.js';
import { needsSecondFactor } from '../edge/routing-table.js';

/** Which of the gateway's per-client limits an operation counts against, in a reader's words. */
const LIMIT_DESCRIPTIONS: Readonly<Record<RateBucket, string>> = {
  answers: 'Too many answers: answers have a limit of their own per player.',
  token: 'Too many development tokens: they have a limit of their own per client.',
  all: 'Too many requests from this player (or, before a token is read, from this address).',
};

const RETRY = ' Try again after the number of seconds in Retry-After.';

/** The gateway's own answers to a call of an operation, whichever service serves it. */
export interface EdgeResponses {
  readonly codes: ErrorCodesByStatus;
  /** The description of the 429, which names the limit that applies. */
  readonly rateLimitDescription: string;
}

/**
 * What an operation that needs credentials can be refused with at the door: a session cookie that
 * is no longer valid, a bearer token revoked by "log out everywhere", and, for a change made with
 * the cookie, a failed CSRF check.
 */
function credentialRefusals(method: string): ErrorCodesByStatus {
  const refusals: ErrorCodesByStatus = {
    401: [SessionErrorCode.sessionInvalid, SessionErrorCode.tokenRevoked],
  };
  return changesState(method) ? { ...refusals, 403: [SessionErrorCode.csrfRejected] } : refusals;
}

/**
 * What the public door can answer before or instead of the service: 429 from the rate limits
 * (per address on every request, then per client and bucket), 500 for its own failures, the
 * refusals of sessions and revoked tokens where credentials are needed, for a proxied operation
 * 503 and 504 when the service cannot be reached or does not answer in time, and with `stepUp`
 * (AUTH_PROVIDER=oidc) 403 STEP_UP_REQUIRED on the routes that need a second factor.
 */
export function edgeResponses(
  method: string,
  pathTemplate: string,
  proxied: boolean,
  authenticated: boolean,
  stepUp = false,
): EdgeResponses {
  const own: ErrorCodesByStatus = { 429: [ErrorCode.rateLimited], 500: [ErrorCode.internal] };
  const proxy: ErrorCodesByStatus = proxied
    ? { 503: [ErrorCode.upstreamUnavailable], 504: [ErrorCode.upstreamTimeout] }
    : {};
  const secondFactor: ErrorCodesByStatus =
    stepUp && needsSecondFactor(pathTemplate) ? { 403: [GatewayErrorCode.stepUpRequired] } : {};
  return {
    codes: mergeErrorCodes(own, authenticated ? credentialRefusals(method) : {}, proxy, secondFactor),
    rateLimitDescription: `${LIMIT_DESCRIPTIONS[bucketOf(method, pathTemplate)]}${RETRY}`,
  };
}
