import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicAccess } from '../src/auth/index.js';
import { ServiceClient } from '../src/http-client/index.js';
import { createServiceApp, type ServiceApp, UNMATCHED_ROUTE } from '../src/http-server/index.js';
import { createMetricsRegistry, type MetricsRegistry } from '../src/observability/index.js';
import { scrapedValue } from '../src/testing/metrics.js';
import { testAuth } from '../src/testing/tokens.js';

const REQUESTS = 'http_server_request_duration_seconds';

/** The label sets of a histogram's series, as Prometheus scrapes them (one `_count` line each). */
async function seriesOf(registry: MetricsRegistry, histogram: string): Promise<Record<string, string>[]> {
  return (await registry.metrics())
    .split('\n')
    .filter((line) => line.startsWith(`${histogram}_count{`))
    .map((line) =>
      Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value])),
    );
}

/** A request with any method, over real HTTP: `inject` takes only the common ones. */
function sendRaw(port: number, method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('requests by method, route template and status (RED)', () => {
  const registry = createMetricsRegistry({ service: 'probe-service' });
  let app: ServiceApp;
  let port: number;

  beforeAll(async () => {
    app = createServiceApp({
      service: 'probe-service',
      version: 'test',
      auth: testAuth().provider,
      metrics: registry,
    });
    const route = { config: { auth: publicAccess } };
    app.get(
      '/api/v1/things/:thingId',
      { ...route, schema: { params: Type.Object({ thingId: Type.String({ pattern: '^[a-z0-9-]+$' }) }) } },
      async (request) => ({ id: request.params.thingId }),
    );
    app.post('/api/v1/things', route, async (_request, reply) => reply.status(201).send({}));
    app.get('/api/v1/passing/*', route, async () => ({ passed: true }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  const count = (route: string, status: string, method = 'GET') =>
    scrapedValue(
      registry,
      `${REQUESTS}_count{service="probe-service",method="${method}",route="${route}",status_code="${status}"}`,
    );

  it('records one series per route template, method and status, never the raw path', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/things/first' });
    await app.inject({ method: 'GET', url: '/api/v1/things/second' });
    await app.inject({ method: 'GET', url: '/api/v1/things/NOT_VALID' });
    await app.inject({ method: 'POST', url: '/api/v1/things', payload: {} });
    await app.inject({ method: 'GET', url: '/api/v1/passing/a/b/c' });
    await app.inject({ method: 'GET', url: '/no/such/path' });

    const series = await seriesOf(registry, REQUESTS);
    expect(series).toEqual(
      expect.arrayContaining([
        { service: 'probe-service', method: 'GET', route: '/api/v1/things/:thingId', status_code: '200' },
        { service: 'probe-service', method: 'GET', route: '/api/v1/things/:thingId', status_code: '400' },
        { service: 'probe-service', method: 'POST', route: '/api/v1/things', status_code: '201' },
        { service: 'probe-service', method: 'GET', route: '/api/v1/passing/*', status_code: '200' },
        { service: 'probe-service', method: 'GET', route: UNMATCHED_ROUTE, status_code: '404' },
      ]),
    );
    expect(series).toHaveLength(5);
    expect(await count('/api/v1/things/:thingId', '200')).toBe(2);
  });

  it('keeps the number of series the same through 1,000 unknown paths and 1,000 ids', async () => {
    // Every kind of request once, so that its series exists before they are counted.
    await app.inject({ method: 'GET', url: '/warm/up' });
    await app.inject({ method: 'GET', url: '/api/v1/things/warm-up' });
    expect(await sendRaw(port, 'PROPFIND', '/warm/up')).toBe(404);
    const before = (await seriesOf(registry, REQUESTS)).length;
    for (let index = 0; index < 1_000; index += 1) {
      await app.inject({ method: 'GET', url: `/unknown/${index}/path-${index * 7919}?q=${index}` });
      await app.inject({ method: 'GET', url: `/api/v1/things/id-${index}` });
    }
    expect(await sendRaw(port, 'MKCOL', '/another/unknown')).toBe(404);
    expect((await seriesOf(registry, REQUESTS)).length).toBe(before);
    expect(await count(UNMATCHED_ROUTE, '404')).toBeGreaterThanOrEqual(1_001);
    expect(await count('/api/v1/things/:thingId', '200')).toBeGreaterThanOrEqual(1_001);
    // Methods no route has are one value, whatever the caller sends.
    expect(await count(UNMATCHED_ROUTE, '404', 'other')).toBe(2);
  });
});

describe('circuit breakers and dependencies, read at scrape time', () => {
  const registry = createMetricsRegistry();
  const questions = new ServiceClient({
    name: 'question-service',
    // Nothing listens on port 1: every call is refused.
    baseUrl: 'http://127.0.0.1:1',
    config: {
      timeoutMs: 500,
      retries: 0,
      breakerFailureThreshold: 1,
      breakerFirstProbeMs: 60_000,
      breakerResetMs: 60_000,
    },
  });
  let databaseUp = true;
  const app = createServiceApp({
    service: 'probe-service',
    version: 'test',
    auth: testAuth().provider,
    metrics: registry,
    circuits: { 'question-service': questions },
    readiness: [
      {
        name: 'database',
        async check() {
          if (!databaseUp) throw new Error('connection refused');
          return undefined;
        },
      },
      // Never answers: a dependency that hangs past the scrape's deadline is down.
      { name: 'redis', optional: true, check: () => new Promise(() => undefined) },
    ],
    readinessTimeoutMs: 100,
  });
  afterAll(async () => {
    await app.close();
    await questions.close();
  });

  it('circuit_breaker_state follows the client: 0 closed, 2 open', async () => {
    expect(await scrapedValue(registry, 'circuit_breaker_state{circuit="question-service"}')).toBe(0);
    await expect(questions.get('/internal/questions', Type.Unknown(), { context: {} })).rejects.toMatchObject(
      {
        statusCode: 503,
      },
    );
    expect(questions.circuitState).toBe('open');
    expect(await scrapedValue(registry, 'circuit_breaker_state{circuit="question-service"}')).toBe(2);
  });

  it('dependency_up runs the readiness checks under a deadline: 1 up, 0 down or hanging', async () => {
    expect(await scrapedValue(registry, 'dependency_up{dependency="database"}')).toBe(1);
    expect(await scrapedValue(registry, 'dependency_up{dependency="redis"}')).toBe(0);
    databaseUp = false;
    expect(await scrapedValue(registry, 'dependency_up{dependency="database"}')).toBe(0);
    databaseUp = true;
    expect(await scrapedValue(registry, 'dependency_up{dependency="database"}')).toBe(1);
  });
});
