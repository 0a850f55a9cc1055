import { type Static, type TSchema, Type } from 'typebox';
import { ErrorCode } from '../errors/index.js';

/** The media type of every error response (RFC 9457), without parameters, as OpenAPI names it. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The error statuses an operation of the platform can answer. */
export const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 414, 415, 422, 429, 500, 502, 503, 504] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

/** For each error status an operation can answer, the codes its problem document can carry. */
export type ErrorCodesByStatus = Readonly<Partial<Record<ErrorStatus, readonly string[]>>>;

/** What each status means to a caller; the problem's `code` says which case it was. */
const STATUS_DESCRIPTIONS: Readonly<Record<ErrorStatus, string>> = {
  400: 'The request was refused as sent: `code` says why, and `errors` names each invalid field',
  401: 'The request has no bearer token, or one that is not valid',
  403: 'The token is valid but does not allow this',
  404: 'Nothing of that id exists for the caller',
  409: 'The request conflicts with the current state of the resource',
  413: 'The body is larger than this operation takes',
  414: 'The path or query string is longer than the server takes',
  415: 'The body is of a media type this operation does not take',
  422: 'The request is well formed but cannot be carried out',
  429: 'Too many requests: try again after the number of seconds in Retry-After',
  500: 'An unexpected failure; the details are logged under the request id, never sent',
  502: 'A service behind this one failed, or answered in a shape its contract does not allow',
  503: 'A service behind this one cannot be reached just now: try again after Retry-After',
  504: 'A service behind this one did not answer in time',
};

/** The statuses whose answer says how long to wait before trying again. */
const RETRY_AFTER_STATUSES: ReadonlySet<ErrorStatus> = new Set([429, 503]);

const RetryAfter = {
  type: 'integer',
  minimum: 1,
  description: 'How many seconds to wait before trying again',
} as const;

const ValidationIssue = Type.Object({
  path: Type.String({
    description: 'The request part and a JSON pointer into it: `body/answer`, `querystring/limit`',
  }),
  message: Type.String({ description: 'What is wrong; an enum names its allowed values' }),
});

function problemObject<Code extends TSchema>(code: Code) {
  return Type.Object(
    {
      type: Type.String({ description: 'A URI reference naming the kind of problem' }),
      title: Type.String({ description: 'The status, in words' }),
      status: Type.Integer({ description: 'The HTTP status' }),
      detail: Type.String({ description: 'What went wrong, for a person to read' }),
      code,
      instance: Type.Optional(Type.String({ description: 'The path of the request' })),
      requestId: Type.Optional(Type.String({ description: 'The `x-request-id` of the request' })),
      traceId: Type.Optional(
        Type.String({
          description:
            'The W3C trace id of the request, where traces are exported: its spans and log lines carry it',
        }),
      ),
      errors: Type.Optional(
        Type.Array(ValidationIssue, { description: 'With `VALIDATION_FAILED`: every invalid field' }),
      ),
    },
    // A problem may carry members of its own: `activeGameId` with GAME_ALREADY_ACTIVE, the game with GAME_OVER.
    { additionalProperties: true },
  );
}

const CODE_DESCRIPTION = 'What went wrong, for a program to match: stable';

/** An RFC 9457 problem document, as every error response is shaped. */
export const Problem = problemObject(Type.String({ description: CODE_DESCRIPTION }));

/** A problem document whose `code` is one of the given codes. */
export function problemSchema(codes: readonly string[]) {
  return problemObject(Type.Enum([...codes], { description: CODE_DESCRIPTION }));
}

/**
 * One error response of an operation: its meaning, Retry-After where the status has it, and the
 * problem document. Fastify serializes a problem with the schema of its media type.
 */
export function problemResponse(status: ErrorStatus, codes: readonly string[]) {
  return {
    description: STATUS_DESCRIPTIONS[status],
    ...(RETRY_AFTER_STATUSES.has(status) ? { headers: { 'retry-after': RetryAfter } } : {}),
    content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema(codes) } },
  };
}

export type ProblemResponse = ReturnType<typeof problemResponse>;

/** Sets of codes by status, merged: each status keeps every code once, in order. */
export function mergeErrorCodes(...sets: readonly ErrorCodesByStatus[]): ErrorCodesByStatus {
  const merged: Partial<Record<ErrorStatus, readonly string[]>> = {};
  for (const status of ERROR_STATUSES) {
    const codes = sets.flatMap((set) => set[status] ?? []);
    if (codes.length > 0) merged[status] = [...new Set(codes)];
  }
  return merged;
}

/**
 * The error responses of a route, for its OpenAPI description: every status it can answer with the
 * codes it can send there, from the catalogues (`ErrorCode`, the service's own), never restated.
 */
export function errorResponses(
  ...sets: readonly ErrorCodesByStatus[]
): Partial<Record<ErrorStatus, ProblemResponse>> {
  const codesByStatus = mergeErrorCodes(...sets);
  const responses: Partial<Record<ErrorStatus, ProblemResponse>> = {};
  for (const status of ERROR_STATUSES) {
    const codes = codesByStatus[status];
    if (codes !== undefined) responses[status] = problemResponse(status, codes);
  }
  return responses;
}

/** A route that reads a path parameter or a query string: either can fail validation. */
export const INPUT_ERRORS: ErrorCodesByStatus = { 400: [ErrorCode.validationFailed] };

/** A route that reads a JSON body: it can also be unreadable JSON, too large, or not JSON at all. */
export const JSON_BODY_ERRORS: ErrorCodesByStatus = {
  400: [ErrorCode.validationFailed, ErrorCode.badRequest],
  413: [ErrorCode.payloadTooLarge],
  415: [ErrorCode.unsupportedMediaType],
};

/** A route that needs a token: none or a bad one is 401, a role that may not call it 403. */
export const AUTHENTICATED_ERRORS: ErrorCodesByStatus = {
  401: [ErrorCode.unauthenticated],
  403: [ErrorCode.forbidden],
};

/** A route that calls another service: how each failure of that call is answered. */
export const UPSTREAM_ERRORS: ErrorCodesByStatus = {
  502: [ErrorCode.upstreamFailed, ErrorCode.upstreamInvalidResponse],
  503: [ErrorCode.upstreamUnavailable],
  504: [ErrorCode.upstreamTimeout],
};

/**
 * A schema with what an OpenAPI reader is shown of it: its description (a response's, when it
 * is one) and examples, which the document turns into the media type's examples.
 */
export function documented<Schema extends TSchema>(
  schema: Schema,
  description: string,
  examples: readonly Static<Schema>[] = [],
): Schema {
  return { ...schema, description, ...(examples.length === 0 ? {} : { examples: [...examples] }) };
}
