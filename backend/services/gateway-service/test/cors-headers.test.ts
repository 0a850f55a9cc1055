import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Gateway, gatewayDeps } from './harness.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const ORIGIN = 'https://play.example.org';

describe('what the gateway tells a browser of another origin', () => {
  let stubs: UpstreamStubs;
  let gateway: Gateway;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    gateway = buildApp(gatewayDeps(stubs));
    await gateway.ready();
  });

  afterAll(async () => {
    await gateway.close();
    await stubs.close();
  });

  it('lets it send the methods and headers of the API, and remember so for ten minutes', async () => {
    const preflight = await gateway.inject({
      method: 'OPTIONS',
      url: '/api/v1/games/g1',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type, x-request-id, x-csrf-token',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST, PATCH, PUT, DELETE, OPTIONS');
    expect(preflight.headers['access-control-allow-headers']).toBe(
      'authorization, content-type, x-request-id, x-csrf-token',
    );
    expect(preflight.headers['access-control-max-age']).toBe('600');
  });

  it('lets it read the request id, when to retry and the rate limits, and keeps resources to the same site', async () => {
    const response = await gateway.inject({
      method: 'GET',
      url: '/api/v1/themes',
      headers: { origin: ORIGIN },
    });
    expect(response.headers['access-control-expose-headers']).toBe(
      'x-request-id, retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset',
    );
    expect(response.headers['cross-origin-resource-policy']).toBe('same-site');
  });
});
