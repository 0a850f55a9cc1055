import { SERVICE_NAMES } from '@know-foolery/shared/config';
import { badTokens, testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf, readDocument } from '../src/api/document.js';
import { ApiClient } from '../src/http.js';
import { type RunningPlatform, startPlatform } from '../src/platform.js';

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

interface Route {
  readonly method: string;
  readonly path: string;
}

/** The only routes anyone may call without a token; every other route a service lists must refuse. */
function isPublic(route: Route): boolean {
  const { path } = route;
  return (
    path.startsWith('/health') ||
    path === '/api/v1/themes' ||
    path.startsWith('/api/v1/themes/') ||
    path === '/api/v1/dev/token'
  );
}

/** Admin and service-to-service routes: a player's token is refused there. */
function isPrivileged(route: Route): boolean {
  return route.path.startsWith('/internal/') || route.path.startsWith('/api/v1/admin');
}

const probePath = (template: string) => template.replaceAll(/\{[^}]+\}/g, 'route-access-probe');

/**
 * Every route a service describes in its OpenAPI document, with concrete values for path
 * parameters. The gateway's routes are the public API: its one document.
 */
async function routesOf(client: ApiClient, gatewayUrl: string | null): Promise<Route[]> {
  if (gatewayUrl !== null)
    return operationsOf(await readDocument(gatewayUrl)).map(({ method, path }) => ({
      method,
      path: probePath(path),
    }));
  const document = await client.get<OpenApiDocument>('/openapi.json');
  expect(document.status).toBe(200);
  return Object.entries(document.body.paths).flatMap(([template, operations]) =>
    Object.keys(operations)
      .filter((method) => method !== 'head')
      .map((method) => ({ method: method.toUpperCase(), path: probePath(template) })),
  );
}

describe.each(testDialects())('who may call what, asked of each service directly, on %s', (dialect) => {
  let platform: RunningPlatform;
  let forged: readonly (readonly [string, string])[];

  beforeAll(async () => {
    platform = await startPlatform({ dialect });
    // The whole matrix: malformed, alg none, another secret, tampered, expired, not yet valid,
    // wrong issuer or audience, missing sub, unknown role, over-long.
    forged = await badTokens();
    expect(forged.length).toBeGreaterThanOrEqual(12);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it.each(SERVICE_NAMES)(
    '%s-service refuses missing and every kind of bad token, and players on admin and internal routes',
    async (name) => {
      const client = new ApiClient(platform.urls[name]);
      const gatewayUrl = name === 'gateway' ? platform.gatewayUrl : null;
      const protectedRoutes = (await routesOf(client, gatewayUrl)).filter((route) => !isPublic(route));
      expect(protectedRoutes.length).toBeGreaterThan(0);
      const player = await platform.tokens.playerToken('route-access');

      const wrong: string[] = [];
      for (const route of protectedRoutes) {
        const label = `${route.method} ${route.path}`;
        const attempts: [string, string | undefined, number][] = [
          ['no token', undefined, 401],
          ...forged.map(([reason, token]): [string, string, number] => [reason, token, 401]),
          ...(isPrivileged(route) ? [['player token', player, 403] as [string, string, number]] : []),
        ];
        for (const [caller, token, expected] of attempts) {
          const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
          const response = await client.call<{ code?: string }>(route.method, route.path, { token, body });
          const code = expected === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN';
          if (response.status !== expected || response.body?.code !== code) {
            wrong.push(
              `${label} with ${caller}: ${response.status} ${response.body?.code ?? ''}, expected ${expected}`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );
});
