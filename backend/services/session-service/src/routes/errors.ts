import { ErrorCode } from '@know-foolery/shared/errors';
import type { ErrorCodesByStatus } from '@know-foolery/shared/http-server';
import { RedisErrorCode } from '@know-foolery/shared/redis';
import { SessionErrorCode } from '../contract/error-codes.js';

/** Every route reads or writes the session store: with Redis down it answers 503 with Retry-After. */
export const STORE_ERRORS: ErrorCodesByStatus = { 503: [RedisErrorCode.unavailable] };

/** A route that reads a session: a tampered cookie or stored value is 401. */
export const SESSION_INVALID_ERRORS: ErrorCodesByStatus = { 401: [SessionErrorCode.sessionInvalid] };

/** No session of the caller's by that id, or none behind the request's cookie. */
export const NOT_FOUND_ERRORS: ErrorCodesByStatus = { 404: [SessionErrorCode.sessionNotFound] };

/** The identity provider could not be asked to verify or renew a token, and nothing usable is at hand. */
export const PROVIDER_ERRORS: ErrorCodesByStatus = { 503: [ErrorCode.upstreamUnavailable] };
