import { AppError, ErrorCode, notFound } from '@know-foolery/shared/errors';
import { SessionErrorCode } from '../contract/error-codes.js';

/** The same answer whether the session never existed, expired or is someone else's: ids cannot be probed. */
export function sessionNotFound(): AppError {
  return notFound('no such session', SessionErrorCode.sessionNotFound);
}

/** One answer for a cookie that is not ours, a session that ended or expired, and tampered data. */
export function sessionInvalid(): AppError {
  return new AppError(401, SessionErrorCode.sessionInvalid, 'the session is not valid: sign in again');
}

export function tokenRevoked(): AppError {
  return new AppError(401, SessionErrorCode.tokenRevoked, 'the token was revoked: sign in again');
}

/** The access token a sign-in hands over does not verify, or is not a person's. */
export function accessTokenInvalid(description: string): AppError {
  return new AppError(
    401,
    SessionErrorCode.accessTokenInvalid,
    `the access token is not valid: ${description}`,
  );
}

/** Long enough for a provider that was down a moment to be back, short enough not to lose the caller. */
const PROVIDER_RETRY_AFTER_SECONDS = 5;

/** The identity provider could not be asked (to verify or renew a token), and nothing usable is at hand. */
export function identityProviderUnavailable(cause?: unknown): AppError {
  return new AppError(
    503,
    ErrorCode.upstreamUnavailable,
    'the identity provider cannot be reached, try again shortly',
    { headers: { 'retry-after': String(PROVIDER_RETRY_AFTER_SECONDS) }, cause },
  );
}
