import type {} from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { OPENAPI_PATH, type ServiceApp } from '@know-foolery/shared/http-server';
import type { FastifyRequest } from 'fastify';
import { Value } from 'typebox/value';
import type { UpstreamUrls } from '../config.js';
import { type MergeOptions, mergeOpenApi, ServiceDocument } from './merge-openapi.js';

export const DOCS_PREFIX = '/docs';
/** The one address of the public API's document; `/docs/yaml` is the same document in YAML. */
export const PUBLIC_DOCUMENT_PATH = `${DOCS_PREFIX}/json`;
const DOCUMENT_ROUTES = new Set([PUBLIC_DOCUMENT_PATH, `${DOCS_PREFIX}/yaml`]);

async function fetchDocument(baseUrl: string): Promise<ServiceDocument | null> {
  try {
    const response = await fetch(`${baseUrl}${OPENAPI_PATH}`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return null;
    const document: unknown = await response.json();
    return Value.Check(ServiceDocument, document) ? document : null;
  } catch {
    return null;
  }
}

/**
 * `/docs`: Swagger UI over the public API's one document, merged from the gateway's own routes
 * and every service's, and cached briefly.
 */
export function docsRoutes(
  upstreams: UpstreamUrls,
  version: string,
  cacheMs: number,
  options: MergeOptions = {},
) {
  return async (app: ServiceApp) => {
    let cached: { document: Record<string, unknown>; expiresAt: number } | undefined;
    const publicDocument = async () => {
      if (cached && Date.now() < cached.expiresAt) return cached.document;
      const services = await Promise.all(
        Object.entries(upstreams).map(async ([name, url]) => ({
          name: `${name}-service`,
          document: await fetchDocument(url),
        })),
      );
      const own = app.swagger();
      const gateway = Value.Check(ServiceDocument, own) ? own : { paths: {} };
      const document = mergeOpenApi(gateway, services, version, options);
      cached = { document, expiresAt: Date.now() + cacheMs };
      return document;
    };

    // Swagger UI serves `/docs/json` and `/docs/yaml` from what transformSpecification returns, which
    // cannot wait: the hook before it fetches the document.
    const documents = new WeakMap<FastifyRequest, Record<string, unknown>>();
    await app.register(fastifySwaggerUi, {
      routePrefix: DOCS_PREFIX,
      staticCSP: true,
      uiHooks: {
        preHandler: async (request) => {
          if (DOCUMENT_ROUTES.has(request.routeOptions.url ?? ''))
            documents.set(request, await publicDocument());
        },
      },
      transformSpecificationClone: false,
      transformSpecification: (_gatewayOnly, request) => documents.get(request) ?? {},
    });
  };
}
