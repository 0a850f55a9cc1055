/** The parts of an OpenAPI 3 document the gateway merges. */
export interface OpenApiDocument {
  readonly openapi?: string;
  readonly info?: Record<string, unknown>;
  readonly paths?: Record<string, unknown>;
  readonly components?: { readonly schemas?: Record<string, unknown>; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

const PUBLIC_PREFIX = '/api/v1/';

function publicPaths(document: OpenApiDocument): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(document.paths ?? {}).filter(([path]) => path.startsWith(PUBLIC_PREFIX)),
  );
}

/**
 * One document for the public API: the `/api/v1` paths of every service that answered, under the
 * gateway's info and bearer scheme. Services that did not answer are named in the description.
 */
export function mergeOpenApi(
  gateway: OpenApiDocument,
  services: readonly { readonly name: string; readonly document: OpenApiDocument | null }[],
  version: string,
): OpenApiDocument {
  const missing = services.filter((service) => service.document === null).map((service) => service.name);
  const paths = { ...publicPaths(gateway) };
  const schemas: Record<string, unknown> = { ...gateway.components?.schemas };
  for (const service of services) {
    if (service.document === null) continue;
    Object.assign(paths, publicPaths(service.document));
    Object.assign(schemas, service.document.components?.schemas);
  }
  const description = [
    'The public Know Foolery API, through the gateway. Every call but the themes list and the development token needs a bearer token.',
    missing.length === 0 ? '' : `Not shown because they did not answer just now: ${missing.join(', ')}.`,
  ]
    .filter((line) => line !== '')
    .join('\n\n');
  return {
    openapi: '3.1.0',
    info: { title: 'Know Foolery API', version, description },
    components: {
      schemas,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ bearerAuth: [] }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
