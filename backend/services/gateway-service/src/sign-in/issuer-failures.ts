import { AppError, ErrorCode } from '@know-foolery/shared/errors';
import { ClientError, type CustomFetch, ResponseBodyError } from 'openid-client';
import { GatewayErrorCode } from '../contract/error-codes.js';

/** Long enough for an issuer that was down a moment to be back, short enough not to lose the person. */
const ISSUER_RETRY_AFTER_SECONDS = 5;

/** A request to the issuer got no answer: refused, reset, or not in time. */
class IssuerUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`the identity provider did not answer ${new URL(url).pathname}`, { cause });
    this.name = 'IssuerUnreachableError';
  }
}

/**
 * fetch, with every failure to get an answer marked as such: openid-client wraps what fetch throws
 * in errors of its own, and the mark, found among their causes, tells the issuer being down apart
 * from the issuer answering something wrong.
 */
export function markingUnreachable(timeoutMs: number): CustomFetch {
  return (url, options) =>
    fetch(url, { ...options, signal: options.signal ?? AbortSignal.timeout(timeoutMs) }).catch(
      (error: unknown) => {
        throw new IssuerUnreachableError(url, error);
      },
    );
}

function causedByUnreachableIssuer(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof IssuerUnreachableError) return true;
  }
  return false;
}

/** openid-client's codes for an answer that is not a protocol answer at all (an error page, a proxy's 502). */
const NOT_PROTOCOL_ANSWERS = new Set(['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);
/** OAuth errors by which the issuer says it cannot serve just now (RFC 6749 section 5.2 and 4.1.2.1). */
const ISSUER_OUTAGES = new Set(['server_error', 'temporarily_unavailable']);

/** What an OAuth error code looks like (RFC 6749 section 5.2 names them in lower case with underscores). */
const OAUTH_ERROR_CODE = /^[a-z_]{1,64}$/;

/** 503: the identity provider is down or failing; a class of its own so the sign-in metrics tell it apart. */
export class IssuerUnavailableError extends AppError {
  constructor(cause: unknown) {
    super(
      503,
      ErrorCode.upstreamUnavailable,
      'the identity provider cannot be reached just now, try again shortly',
      { headers: { 'retry-after': String(ISSUER_RETRY_AFTER_SECONDS) }, cause },
    );
    this.name = 'IssuerUnavailableError';
  }
}

export function issuerUnavailable(cause: unknown): AppError {
  return new IssuerUnavailableError(cause);
}

/** Whether the issuer is down or failing, rather than refusing what it was sent. */
function isIssuerOutage(error: unknown): boolean {
  if (causedByUnreachableIssuer(error)) return true;
  if (error instanceof ResponseBodyError) return error.status >= 500 || ISSUER_OUTAGES.has(error.error);
  return error instanceof ClientError && error.code !== undefined && NOT_PROTOCOL_ANSWERS.has(error.code);
}

/**
 * What a failed code exchange answers: 503 while the issuer is down or failing; 400
 * SIGN_IN_CODE_REJECTED when it refused the code (used already, expired: `invalid_grant`); 400
 * SIGN_IN_RESPONSE_INVALID when its answer failed openid-client's checks (ID token issuer,
 * audience, nonce, times). Anything else is a bug here, and stays the error it is.
 */
export function codeExchangeFailure(error: unknown): unknown {
  if (isIssuerOutage(error)) return issuerUnavailable(error);
  if (error instanceof ResponseBodyError) {
    // The issuer's error code is named only when it is one: the body is the issuer's to fill.
    const named = OAUTH_ERROR_CODE.test(error.error) ? ` (${error.error})` : '';
    return new AppError(
      400,
      GatewayErrorCode.signInCodeRejected,
      `the identity provider refused the sign-in${named}: start again`,
      { cause: error },
    );
  }
  if (error instanceof ClientError) return signInResponseInvalid(error);
  return error;
}

export function signInResponseInvalid(cause: unknown): AppError {
  return new AppError(
    400,
    GatewayErrorCode.signInResponseInvalid,
    "the identity provider's answer failed the sign-in checks: start again",
    { cause },
  );
}
