import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { type AuthProvider, authentication, publicAccess } from '../auth/index.js';
import { REQUEST_ID_HEADER, requestIdFor } from '../observability/index.js';
import { type HealthState, healthRoutes, type ReadinessCheck } from './health.js';
import { installProblemHandlers } from './problem-handler.js';
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
  readonly bodyLimitBytes?: number;
  /** Third-party routes (API docs) that cannot declare `config.auth`; they are public. */
  readonly publicPathPrefixes?: readonly string[];
  readonly description?: string;
}

export const OPENAPI_PATH = '/openapi.json';

/**
 * The Fastify instance every service starts from: request ids, problem+json errors, strict
 * validation (unknown properties are rejected, not stripped), authentication on every route,
 * health endpoints and an OpenAPI document. Nothing here does I/O until the app is started.
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
    return503OnClosing: true,
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(strictBodyValidatorCompiler());
  app.decorate('health', { shuttingDown: false });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  // While draining, each keep-alive connection ends with its response, so the server can close.
  app.addHook('onSend', async (_request, reply) => {
    if (app.health.shuttingDown) reply.header('connection', 'close');
  });
  installProblemHandlers(app);

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
  app.register(authentication, {
    provider: options.auth,
    publicPathPrefixes: options.publicPathPrefixes ?? [],
  });
  app.register(healthRoutes, {
    service: options.service,
    version: options.version,
    checks: options.readiness ?? [],
    state: app.health,
    checkTimeoutMs: options.readinessTimeoutMs ?? 2_000,
  });
  app.register(async (scope) => {
    scope.get(OPENAPI_PATH, { config: { auth: publicAccess }, schema: { hide: true } }, async () =>
      scope.swagger(),
    );
  });
  return app;
}
