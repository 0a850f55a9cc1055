import { PROBLEM_MEDIA_TYPE } from '@know-foolery/shared/http-server';
import { testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Operation, operationsOf, type PublicDocument, readDocument } from '../src/api/document.js';
import { clientTypes } from '../src/api/generate.js';
import { type RunningPlatform, type ServedRoute, startPlatform } from '../src/platform.js';

const GENERATED = '../src/api/generated';

/** `GET /api/v1/games/:id`, the way both Fastify and OpenAPI routes are compared. */
const servedKey = ({ method, url }: ServedRoute) => `${method} ${url.replaceAll(/:(\w+)/g, '{$1}')}`;
const documentedKey = ({ method, path }: Operation) => `${method} ${path}`;

/**
 * The public operations among the routes a service registered. A proxy (`/api/v1/games` and
 * `/api/v1/games/*` at the gateway) is routing, not an operation; HEAD comes with every GET.
 */
function publicOperations(routes: readonly ServedRoute[]): ServedRoute[] {
  const urls = new Set(routes.map((route) => route.url));
  return routes.filter(
    ({ method, url }) =>
      url.startsWith('/api/v1/') && !url.includes('*') && !urls.has(`${url}/*`) && method !== 'HEAD',
  );
}

describe.each(testDialects())('the public API document, on %s', (dialect) => {
  let platform: RunningPlatform;
  let document: PublicDocument;

  beforeAll(async () => {
    platform = await startPlatform({ dialect });
    document = await readDocument(platform.gatewayUrl);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('is the committed document, and the client types the e2e tests use are generated from it', async () => {
    await expect(`${JSON.stringify(document, null, 2)}\n`).toMatchFileSnapshot(
      `${GENERATED}/public-api.json`,
    );
    await expect(await clientTypes(document)).toMatchFileSnapshot(`${GENERATED}/public-api.ts`);
  });

  it('documents every public route of every service once, and nothing else', () => {
    const served = Object.values(platform.routes).flatMap(publicOperations).map(servedKey);
    const documented = operationsOf(document).map(documentedKey);
    expect(new Set(documented).size).toBe(documented.length);
    expect(documented.toSorted()).toEqual(served.toSorted());
  });

  it('has every documented operation served through the gateway', async () => {
    const token = await platform.tokens.bearer('document-probe', ['player', 'admin']);
    const unserved: string[] = [];
    for (const { method, path } of operationsOf(document)) {
      const takesBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
      const response = await fetch(`${platform.gatewayUrl}${path.replaceAll(/\{\w+\}/g, 'probe')}`, {
        method,
        headers: { authorization: token, ...(takesBody ? { 'content-type': 'application/json' } : {}) },
        ...(takesBody ? { body: '{}' } : {}),
      });
      const text = await response.text();
      if (response.status === 405 || text.includes('"ROUTE_NOT_FOUND"'))
        unserved.push(`${method} ${path}: ${response.status}`);
    }
    expect(unserved).toEqual([]);
  });

  it('gives each operation a summary, an id, its security, and its errors as problem+json with their codes', () => {
    const incomplete: string[] = [];
    for (const { method, path, operation } of operationsOf(document)) {
      const where = `${method} ${path}`;
      if (operation.summary === undefined) incomplete.push(`${where}: no summary`);
      if (operation.operationId === undefined) incomplete.push(`${where}: no operationId`);
      if (operation.security === undefined) incomplete.push(`${where}: no security requirement`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (response.description === 'Default Response')
          incomplete.push(`${where} ${status}: no description`);
        if (Number(status) < 400) continue;
        const problem = response.content?.[PROBLEM_MEDIA_TYPE]?.schema;
        const codes = problem?.allOf?.flatMap((part) => part.properties?.code?.enum ?? []) ?? [];
        if (codes.length === 0) incomplete.push(`${where} ${status}: not problem+json with its codes`);
      }
      const limited = operation.responses['429'];
      if (limited?.headers?.['retry-after'] === undefined)
        incomplete.push(`${where}: no 429 with Retry-After`);
    }
    expect(incomplete).toEqual([]);
  });

  it('shows /docs over this document and nothing else', async () => {
    const page = await fetch(`${platform.gatewayUrl}/docs/`);
    expect(page.status).toBe(200);
    expect((await fetch(`${platform.gatewayUrl}/openapi.json`)).status).toBe(404);
    expect(Object.keys(document.paths).every((path) => path.startsWith('/api/v1/'))).toBe(true);
  });
});
