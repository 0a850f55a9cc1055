/**
 * Errors that cross an HTTP boundary carry a stable machine code and a human message.
 * They become RFC 9457 problem details in `http-server`.
 */

import { isRecord } from '../utils/index.js';

export const ErrorCode = {
  validationFailed: 'VALIDATION_FAILED',
  badRequest: 'BAD_REQUEST',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  routeNotFound: 'ROUTE_NOT_FOUND',
  methodNotAllowed: 'METHOD_NOT_ALLOWED',
  requestTimeout: 'REQUEST_TIMEOUT',
  conflict: 'CONFLICT',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  uriTooLong: 'URI_TOO_LONG',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  rateLimited: 'RATE_LIMITED',
  headersTooLarge: 'HEADERS_TOO_LARGE',
  malformedUrl: 'MALFORMED_URL',
  malformedRequest: 'MALFORMED_REQUEST',
  shuttingDown: 'SHUTTING_DOWN',
  /** The downstream could not be reached, said it is unavailable, or its circuit breaker is open. */
  upstreamUnavailable: 'UPSTREAM_UNAVAILABLE',
  /** The downstream answered with a server error. */
  upstreamFailed: 'UPSTREAM_FAILED',
  upstreamTimeout: 'UPSTREAM_TIMEOUT',
  /** The downstream answered, but in a shape its contract does not allow. */
  upstreamInvalidResponse: 'UPSTREAM_INVALID_RESPONSE',
  /** The service's own database could not be used just now (cut, refused, restarting, out of connections). */
  databaseUnavailable: 'DATABASE_UNAVAILABLE',
  internal: 'INTERNAL_ERROR',
} as const;

export type CommonErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorOptions {
  /** Extra members of the problem document, e.g. `{ attemptsLeft: 0 }`. Never secrets. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Response headers that belong to this error, e.g. `WWW-Authenticate`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

export class AppError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.statusCode = statusCode;
    this.code = code;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export const badRequest = (message: string, code: string = ErrorCode.badRequest, options?: AppErrorOptions) =>
  new AppError(400, code, message, options);

export interface ValidationIssue {
  /** Where, as the request part and a JSON pointer into it: `body/answer`, `querystring/limit`. */
  readonly path: string;
  readonly message: string;
}

/** Input that does not match what the route takes: 400 with every issue listed. */
export function validationFailed(issues: readonly ValidationIssue[]): AppError {
  const detail = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  return new AppError(400, ErrorCode.validationFailed, detail, { extensions: { errors: issues } });
}

export const notFound = (message: string, code: string = ErrorCode.notFound) =>
  new AppError(404, code, message);

export const forbidden = (message: string, code: string = ErrorCode.forbidden, options?: AppErrorOptions) =>
  new AppError(403, code, message, options);

export const conflict = (message: string, code: string = ErrorCode.conflict, options?: AppErrorOptions) =>
  new AppError(409, code, message, options);

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly requestId?: string;
  readonly [extension: string]: unknown;
}

const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemTypeFor(code: string): string {
  return `/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

export function toProblem(
  status: number,
  code: string,
  detail: string,
  context: { instance?: string; requestId?: string; extensions?: Readonly<Record<string, unknown>> } = {},
): ProblemDocument {
  return {
    ...context.extensions,
    type: problemTypeFor(code),
    title: STATUS_TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    code,
    ...(context.instance === undefined ? {} : { instance: context.instance }),
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
  };
}

export function isProblemDocument(value: unknown): value is ProblemDocument {
  return isRecord(value) && typeof value.status === 'number' && typeof value.code === 'string';
}
