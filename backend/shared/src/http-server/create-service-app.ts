import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  LogController,
  type RouteOptions,
} from 'fastify';
import { Type } from 'typebox';
import { type AuthProvider, authentication, publicAccess } from '../auth/index.js';
import { ErrorCode } from '../errors/index.js';
import {
  createMetricsRegistry,
  type MetricsRegistry,
  REQUEST_ID_HEADER,
  requestIdFor,
} from '../observability/index.js';
import { answerFrameworkError, clientErrorAnswerer } from './framework-errors.js';
import { type HealthState, healthRoutes, type ReadinessCheck, type ReportedCircuit } from './health.js';
import { installProblemHandlers, sendProblem } from './problem-handler.js';
import { recordServiceMetrics } from './service-metrics.js';
import { refuseUnstorableText } from './unstorable-text.js';
import { strictBodyValidatorCompiler } from './validation.js';

export type ServiceApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Flipped by the process on a stop signal so readiness answers 503 while requests drain. */
    health: HealthState;
  }
}

export interface ServiceAppOptions {
  readonly service: string;
  readonly version: string;
  readonly auth: AuthProvider;
  /** A pino logger; without one the app logs nothing (tests). */
  readonly logger?: FastifyBaseLogger;
  readonly readiness?: readonly ReadinessCheck[];
  readonly readinessTimeoutMs?: number;
  /**
   * The circuit breakers of the clients this service calls others with, by the name readiness
   * reports them under. Reported, not checked: an open breaker does not make the service unready.
   */
  readonly circuits?: Readonly<Record<string, ReportedCircuit>>;
  readonly bodyLimitBytes?: number;
  /**
   * The process's registry, where requests, circuit breakers and dependencies are recorded;
   * without one they go to a registry of the app's own that nobody serves (tests).
   */
  readonly metrics?: MetricsRegistry;
  /** Third-party routes (API docs) that cannot declare `config.auth`; they are public. */
  readonly publicPathPrefixes?: readonly string[];
  /**
   * Registered before authentication, so its hooks run before any token is read: what it refuses
   * (the gateway's per-address rate limit) costs no verification. Wrap it in fastify-plugin.
   */
  readonly beforeAuthentication?: FastifyPluginAsync;
  readonly description?: string;
  /**
   * Whether `/openapi.json` serves this service's own document (by default it does, for the
   * gateway to merge). The gateway's own routes reach the public only inside the merged document.
   */
  readonly servesOwnDocument?: boolean;
}

export const OPENAPI_PATH = '/openapi.json';

/** A client refused because this instance is stopping can retry at once: another one will answer. */
const SHUTDOWN_RETRY_AFTER_SECONDS = '1';

/** The query string of a route that takes none: empty, so a stray parameter is refused. */
const NO_QUERY = Type.Object({}, { additionalProperties: false });

/**
 * A route that declares its schema but no query string takes no query parameters: an unknown one
 * is a caller's mistake, refused like an unknown body property instead of being silently ignored.
 * Routes without any schema (the gateway's proxies) pass their query string on untouched.
 */
function refuseQueryWhereNoneIsTaken(route: RouteOptions): void {
  const { schema } = route;
  if (schema === undefined || schema.querystring !== undefined || schema.hide === true) return;
  route.schema = { ...schema, querystring: NO_QUERY };
}

/**
 * The Fastify instance every service starts from: request ids, problem+json errors (from routes,
 * the router, Node's HTTP parser and a closing server alike), strict validation (unknown
 * properties are rejected, not stripped; numbers are finite; no text holds U+0000),
 * authentication on every route, health endpoints and an OpenAPI document. Nothing here does I/O
 * until the app is started.
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const app = Fastify({
    ...(options.logger === undefined ? { logger: false } : { loggerInstance: options.logger }),
    genReqId: requestIdFor,
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      // Probes poll health every few seconds; logging each one would drown the requests that matter.
      disableRequestLogging: (request: { url?: string }) => request.url?.startsWith('/health') === true,
    }),
    bodyLimit: options.bodyLimitBytes ?? 64 * 1024,
    // Fastify's own answers to these are plain JSON; these handlers make them problem+json.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: clientErrorAnswerer(options.logger),
    return503OnClosing: false,
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(strictBodyValidatorCompiler());
  app.decorate('health', { shuttingDown: false });
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    // Requests still arriving on open keep-alive connections once the server closes.
    if (closing) {
      reply.header('retry-after', SHUTDOWN_RETRY_AFTER_SECONDS);
      return sendProblem(request, reply, 503, ErrorCode.shuttingDown, 'the service is shutting down');
    }
  });
  app.addHook('preValidation', refuseUnstorableText);
  app.addHook('onRoute', refuseQueryWhereNoneIsTaken);
  // While draining, each keep-alive connection ends with its response, so the server can close.
  app.addHook('onSend', async (_request, reply) => {
    if (app.health.shuttingDown) reply.header('connection', 'close');
  });
  installProblemHandlers(app);
  const readinessTimeoutMs = options.readinessTimeoutMs ?? 2_000;
  recordServiceMetrics(app, options.metrics ?? createMetricsRegistry(), {
    circuits: options.circuits ?? {},
    checks: options.readiness ?? [],
    checkTimeoutMs: readinessTimeoutMs,
  });

  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `Know Foolery ${options.service}`,
        version: options.version,
        description: options.description ?? '',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
    },
  });
  if (options.beforeAuthentication !== undefined) app.register(options.beforeAuthentication);
  app.register(authentication, {
    provider: options.auth,
    publicPathPrefixes: options.publicPathPrefixes ?? [],
  });
  app.register(healthRoutes, {
    service: options.service,
    version: options.version,
    checks: options.readiness ?? [],
    circuits: options.circuits ?? {},
    state: app.health,
    checkTimeoutMs: readinessTimeoutMs,
  });
  if (options.servesOwnDocument === false) return app;
  app.register(async (scope) => {
    scope.get(OPENAPI_PATH, { config: { auth: publicAccess }, schema: { hide: true } }, async () =>
      scope.swagger(),
    );
  });
  return app;
}
