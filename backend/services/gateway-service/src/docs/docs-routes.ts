import type {} from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { publicAccess } from '@know-foolery/shared/auth';
import { OPENAPI_PATH, type ServiceApp } from '@know-foolery/shared/http-server';
import type { UpstreamUrls } from '../config.js';
import { mergeOpenApi, type OpenApiDocument } from './merge-openapi.js';

export const DOCS_PREFIX = '/docs';
const MERGED_DOCUMENT_PATH = `${DOCS_PREFIX}/openapi.json`;

async function fetchDocument(baseUrl: string): Promise<OpenApiDocument | null> {
  try {
    const response = await fetch(`${baseUrl}${OPENAPI_PATH}`, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? ((await response.json()) as OpenApiDocument) : null;
  } catch {
    return null;
  }
}

/** `/docs`: Swagger UI over one OpenAPI document merged from every service, cached briefly. */
export function docsRoutes(upstreams: UpstreamUrls, version: string, cacheMs: number) {
  return async (app: ServiceApp) => {
    let cached: { document: OpenApiDocument; expiresAt: number } | undefined;

    app.get(MERGED_DOCUMENT_PATH, { config: { auth: publicAccess }, schema: { hide: true } }, async () => {
      if (cached && Date.now() < cached.expiresAt) return cached.document;
      const services = await Promise.all(
        Object.entries(upstreams).map(async ([name, url]) => ({
          name: `${name}-service`,
          document: await fetchDocument(url),
        })),
      );
      const document = mergeOpenApi(app.swagger() as OpenApiDocument, services, version);
      cached = { document, expiresAt: Date.now() + cacheMs };
      return document;
    });

    await app.register(fastifySwaggerUi, {
      routePrefix: DOCS_PREFIX,
      staticCSP: true,
      uiConfig: { urls: [{ url: MERGED_DOCUMENT_PATH, name: 'Know Foolery API' }] },
    });
  };
}
