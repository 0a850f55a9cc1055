import type { IncomingHttpHeaders } from 'node:http';
import fastifyHttpProxy from '@fastify/http-proxy';
import type { ServiceApp } from '@know-foolery/shared/http-server';
import { REQUEST_ID_HEADER } from '@know-foolery/shared/observability';
import type { UpstreamUrls } from '../config.js';
import { ROUTES, type Route } from '../edge/routing-table.js';
import { answerProxyError, retryDelay } from './proxy-failures.js';
import { NO_ANSWER, type UpstreamTimer } from './upstream-metrics.js';

/** OPTIONS stays with CORS: a preflight carries no token and must not reach a service. */
const PROXIED_METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'];

/**
 * What a service is sent: the request's headers with its id, and the Cookie header only for
 * session-service, which owns the session cookie; no other service has a use for any cookie.
 */
function forwardedHeaders(
  route: Route,
  requestId: string,
  headers: IncomingHttpHeaders,
): IncomingHttpHeaders {
  const { cookie: _cookie, ...others } = headers;
  return { ...(route.upstream === 'session' ? headers : others), [REQUEST_ID_HEADER]: requestId };
}

/**
 * Each public prefix goes, path unchanged, to the service that owns it, with this request's id;
 * each call timed by upstream and answer.
 */
export function proxyRoutes(upstreams: UpstreamUrls, timeoutMs: number, timer: UpstreamTimer) {
  return async (app: ServiceApp) => {
    // The last hook before the proxy's handler sends the request on.
    app.addHook('preHandler', async (request) => timer.start(request));
    // A proxy is routing, not an operation: the document shows the services' own routes instead.
    app.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    for (const route of ROUTES) {
      const upstream = `${route.upstream}-service`;
      await app.register(fastifyHttpProxy, {
        upstream: upstreams[route.upstream],
        prefix: route.prefix,
        rewritePrefix: route.prefix,
        httpMethods: PROXIED_METHODS,
        config: { auth: route.auth, secondFactor: route.secondFactor },
        undici: { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connections: 128 },
        replyOptions: {
          rewriteRequestHeaders: (request, headers) => forwardedHeaders(route, request.id, headers),
          retryDelay,
          onResponse: (request, reply, response) => {
            timer.stop(request, upstream, response.statusCode);
            reply.send(response.stream);
          },
          onError: (reply, { error }) => {
            timer.stop(reply.request, upstream, NO_ANSWER);
            answerProxyError(reply, route.upstream, error);
          },
        },
      });
    }
  };
}
