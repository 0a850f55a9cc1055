import fastifyHttpProxy from '@fastify/http-proxy';
import { AppError, ErrorCode } from '@know-foolery/shared/errors';
import type { ServiceApp } from '@know-foolery/shared/http-server';
import { REQUEST_ID_HEADER } from '@know-foolery/shared/observability';
import type { UpstreamUrls } from '../config.js';
import { ROUTES } from '../edge/routing-table.js';

/** OPTIONS stays with CORS: a preflight carries no token and must not reach a service. */
const PROXIED_METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'];

function unreachable(service: string, error: Error): AppError {
  return 'statusCode' in error && error.statusCode === 504
    ? new AppError(504, ErrorCode.upstreamTimeout, `${service}-service did not answer in time`)
    : new AppError(
        503,
        ErrorCode.upstreamUnavailable,
        `${service}-service is unavailable, try again shortly`,
        {
          headers: { 'retry-after': '5' },
        },
      );
}

/** Each public prefix goes, path unchanged, to the service that owns it, with this request's id. */
export function proxyRoutes(upstreams: UpstreamUrls, timeoutMs: number) {
  return async (app: ServiceApp) => {
    for (const route of ROUTES) {
      await app.register(fastifyHttpProxy, {
        upstream: upstreams[route.upstream],
        prefix: route.prefix,
        rewritePrefix: route.prefix,
        httpMethods: PROXIED_METHODS,
        config: { auth: route.auth },
        undici: { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connections: 128 },
        replyOptions: {
          rewriteRequestHeaders: (request, headers) => ({ ...headers, [REQUEST_ID_HEADER]: request.id }),
          onError: (reply, { error }) => {
            reply.send(unreachable(route.upstream, error));
          },
        },
      });
    }
  };
}
