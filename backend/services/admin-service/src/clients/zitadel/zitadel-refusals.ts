import { IdentityProviderUnavailableError } from '@know-foolery/shared/auth';
import { AppError, ErrorCode } from '@know-foolery/shared/errors';
import { type DownstreamRefusal, headerValues } from '@know-foolery/shared/http-client';
import { AdminErrorCode } from '../../contract/error-codes.js';

/** What a 404 from Zitadel means for the call that got it. */
export type MissingMeans = 'player' | 'changed-meanwhile' | 'misconfigured';

/** Long enough for a busy or restarting Zitadel to recover; short enough to keep the admin waiting little. */
const RETRY_AFTER_SECONDS = '5';

/** The gRPC codes (google.rpc.Code) Zitadel names in its refusals that decide the answer here. */
const GrpcCode = {
  invalidArgument: 3,
  notFound: 5,
  alreadyExists: 6,
  permissionDenied: 7,
  failedPrecondition: 9,
  unauthenticated: 16,
} as const;

/** Zitadel's refusal body `{ code, message, details }`, as far as it is one. */
interface ZitadelRefusalBody {
  readonly code: number;
  readonly message: string;
}

function zitadelRefusalBody(body: unknown): ZitadelRefusalBody | undefined {
  if (typeof body !== 'object' || body === null || !('code' in body) || !Number.isInteger(body.code))
    return undefined;
  const code = Number(body.code);
  const message = 'message' in body && typeof body.message === 'string' ? body.message : '';
  return { code, message };
}

/**
 * Turns Zitadel's refusals (4xx, no problem documents) into the platform's answer to the admin.
 * Zitadel answers with the HTTP status its gRPC code maps to and a body `{ code, message, details }`
 * (https://zitadel.com/docs/apis/statuscodes); the code tells apart what one status mixes (400 is
 * INVALID_ARGUMENT, FAILED_PRECONDITION or OUT_OF_RANGE):
 *
 * | Zitadel                                      | admin-service answers                                          |
 * | -------------------------------------------- | -------------------------------------------------------------- |
 * | 3 INVALID_ARGUMENT                           | 400 VALIDATION_FAILED (the admin's input)                      |
 * | 9 FAILED_PRECONDITION, 6 ALREADY_EXISTS      | 409 PLAYER_STATE_CONFLICT (the account changed meanwhile)      |
 * | 5 NOT_FOUND                                  | 404 PLAYER_NOT_FOUND, 409 PLAYER_STATE_CONFLICT or 502, per `missing` |
 * | 7 PERMISSION_DENIED, 16 UNAUTHENTICATED      | 502 USER_DIRECTORY_REFUSED (the machine user's credentials or rights) |
 * | another code, or no Zitadel body: by status  | 400 and 409 as 9, 401 and 403 as 7, 404 as 5,                  |
 * |                                              | 429 503 UPSTREAM_UNAVAILABLE with Retry-After, else 502 UPSTREAM_FAILED |
 *
 * Zitadel's message goes to the log (the cause), never to the admin. Failures of Zitadel itself (5xx,
 * no answer, the breaker open) are the ServiceClient's, as for any downstream.
 */
export function zitadelRefusal(missing: MissingMeans): (refused: DownstreamRefusal) => AppError {
  return ({ status, body, headers }) => {
    const zitadel = zitadelRefusalBody(body);
    const cause = new Error(
      zitadel === undefined
        ? `Zitadel answered ${status}`
        : `Zitadel answered ${status}, code ${zitadel.code}: ${zitadel.message}`,
    );
    switch (zitadel?.code) {
      case GrpcCode.invalidArgument:
        return new AppError(400, ErrorCode.validationFailed, 'Zitadel found the request invalid', {
          cause,
        });
      case GrpcCode.failedPrecondition:
      case GrpcCode.alreadyExists:
        return stateConflict(status, cause);
      case GrpcCode.notFound:
        return missingAnswer(missing, cause);
      case GrpcCode.permissionDenied:
      case GrpcCode.unauthenticated:
        return machineUserRefused(status, cause);
      default:
        return byStatus(status, headerValues(headers, 'retry-after')[0], missing, cause);
    }
  };
}

/** A machine token the issuer could not hand out is 503 UPSTREAM_UNAVAILABLE; any other failure as it is. */
export function zitadelCallFailure(error: unknown): unknown {
  if (!(error instanceof IdentityProviderUnavailableError)) return error;
  return new AppError(503, ErrorCode.upstreamUnavailable, 'Zitadel cannot be reached, try again shortly', {
    headers: { 'retry-after': RETRY_AFTER_SECONDS },
    cause: error,
  });
}

function byStatus(
  status: number,
  retryAfter: string | undefined,
  missing: MissingMeans,
  cause: Error,
): AppError {
  switch (status) {
    case 400:
    case 409:
      return stateConflict(status, cause);
    case 401:
    case 403:
      return machineUserRefused(status, cause);
    case 404:
      return missingAnswer(missing, cause);
    case 429:
      return new AppError(503, ErrorCode.upstreamUnavailable, 'Zitadel is busy, try again shortly', {
        headers: { 'retry-after': retryAfter ?? RETRY_AFTER_SECONDS },
        cause,
      });
    default:
      return new AppError(502, ErrorCode.upstreamFailed, `Zitadel refused the request (${status})`, {
        cause,
      });
  }
}

function stateConflict(status: number, cause: Error): AppError {
  return new AppError(
    409,
    AdminErrorCode.playerStateConflict,
    `Zitadel refused the change in the account's current state (${status}): reload the player and try again`,
    { cause },
  );
}

function machineUserRefused(status: number, cause: Error): AppError {
  return refused(
    `Zitadel refused admin-service's machine user (${status}): check its credentials and rights`,
    cause,
  );
}

function refused(message: string, cause: Error): AppError {
  return new AppError(502, AdminErrorCode.userDirectoryRefused, message, { cause });
}

function missingAnswer(missing: MissingMeans, cause: Error): AppError {
  switch (missing) {
    case 'player':
      return new AppError(404, AdminErrorCode.playerNotFound, 'no player has this id', { cause });
    case 'changed-meanwhile':
      return stateConflict(404, cause);
    case 'misconfigured':
      return refused(
        'Zitadel knows no such project or method (404): check ZITADEL_PROJECT_ID and ZITADEL_API_URL',
        cause,
      );
  }
}
