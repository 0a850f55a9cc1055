import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
// The classification alone: the database module's index would load the drivers into every service.
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../database/errors.js';
import {
  AppError,
  ErrorCode,
  PROBLEM_CONTENT_TYPE,
  toProblem,
  type ValidationIssue,
  validationFailed,
} from '../errors/index.js';
import { activeTraceIds } from '../observability/index.js';

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: ErrorCode.badRequest,
  401: ErrorCode.unauthenticated,
  403: ErrorCode.forbidden,
  404: ErrorCode.notFound,
  405: ErrorCode.methodNotAllowed,
  408: ErrorCode.requestTimeout,
  409: ErrorCode.conflict,
  413: ErrorCode.payloadTooLarge,
  414: ErrorCode.uriTooLong,
  415: ErrorCode.unsupportedMediaType,
  429: ErrorCode.rateLimited,
  431: ErrorCode.headersTooLarge,
  502: ErrorCode.upstreamFailed,
  503: ErrorCode.upstreamUnavailable,
  504: ErrorCode.upstreamTimeout,
};

/** A proxy or client failing to reach a service keeps its gateway status: it is not an internal bug. */
const UPSTREAM_STATUSES = new Set([502, 503, 504]);

const listed = (values: unknown): string =>
  (Array.isArray(values) ? values : [values]).map((value) => JSON.stringify(value)).join(', ');

/**
 * One issue, said of the field it concerns: Ajv reports a missing or unknown property on the object
 * that holds it, and an enum without the values it allows.
 */
function validationIssue(context: string, issue: FastifySchemaValidationError): ValidationIssue {
  const at = `${context}${issue.instancePath}`;
  switch (issue.keyword) {
    case 'required':
      return { path: `${at}/${String(issue.params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${at}/${String(issue.params.additionalProperty)}`,
        message: 'is not a field this request takes',
      };
    case 'enum':
      return { path: at, message: `must be one of ${listed(issue.params.allowedValues)}` };
    case 'const':
      return { path: at, message: `must be ${listed(issue.params.allowedValue)}` };
    default:
      return { path: at, message: issue.message ?? 'is invalid' };
  }
}

function validationIssues(error: FastifyError): ValidationIssue[] {
  return (error.validation ?? []).map((issue) => validationIssue(error.validationContext ?? '', issue));
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extensions?: Readonly<Record<string, unknown>>,
): FastifyReply {
  const instance = request.url.split('?')[0];
  const traceId = activeTraceIds()?.traceId;
  const problem = toProblem(status, code, detail, {
    requestId: request.id,
    ...(instance === undefined ? {} : { instance }),
    ...(extensions === undefined ? {} : { extensions }),
  });
  // After the extensions: a trace id is this request's, never one a downstream's problem carried.
  return reply
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(traceId === undefined ? problem : { ...problem, traceId });
}

function sendAppError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
  reply.headers(error.headers);
  return sendProblem(request, reply, error.statusCode, error.code, error.message, error.extensions);
}

/**
 * Every error leaves as RFC 9457 problem+json. Client errors keep their message; server errors
 * are logged in full and answered with a generic message, so no internals reach the caller.
 */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return sendAppError(request, reply, error);
    if (error.validation) return sendAppError(request, reply, validationFailed(validationIssues(error)));
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      if (status === 429) reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
      return sendProblem(
        request,
        reply,
        status,
        CODE_BY_STATUS[status] ?? ErrorCode.badRequest,
        error.message,
      );
    }
    if (status === 500 && isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'the database could not be used');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(
        request,
        reply,
        503,
        ErrorCode.databaseUnavailable,
        'the service cannot reach its data just now, try again shortly',
      );
    }
    request.log.error({ err: error }, 'request failed');
    const upstreamCode = UPSTREAM_STATUSES.has(status) ? CODE_BY_STATUS[status] : undefined;
    if (upstreamCode !== undefined) {
      return sendProblem(
        request,
        reply,
        status,
        upstreamCode,
        'an upstream service could not answer, try again shortly',
      );
    }
    return sendProblem(request, reply, 500, ErrorCode.internal, 'an unexpected error occurred');
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      404,
      ErrorCode.routeNotFound,
      `no route for ${request.method} ${request.url.split('?')[0]}`,
    ),
  );
}
