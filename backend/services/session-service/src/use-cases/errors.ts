import { AppError, notFound } from '@know-foolery/shared/errors';
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
