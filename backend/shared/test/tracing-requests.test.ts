import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { request as undiciRequest } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicAccess } from '../src/auth/index.js';
import { type Database, openDatabase } from '../src/database/index.js';
import { conflict } from '../src/errors/index.js';
import { forwardFrom, ServiceClient } from '../src/http-client/index.js';
import { createServiceApp, type ServiceApp } from '../src/http-server/index.js';
import { testAuth, testDatabaseConfig } from '../src/testing/index.js';
import {
  capturedLogger,
  type InMemoryTracing,
  isServerSpan,
  parentOf,
  startInMemoryTracing,
} from './tracing-harness.js';

const tracing: InMemoryTracing = startInMemoryTracing();

/** A caller's trace context: the trace every span of its request must join. */
const CALLER_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN_ID = 'b7ad6b7169203331';
const CALLER_TRACEPARENT = `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`;
/** A trace header a proxy could pass on from its own caller, which the instrumentation must replace. */
const STALE_TRACEPARENT = '00-11111111111111111111111111111111-2222222222222222-01';

/** A JSON object answer, its members unknown until checked. */
async function jsonObject(
  response: Response | Promise<Response>,
): Promise<Readonly<Record<string, unknown>>> {
  const body: unknown = await (await response).json();
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error('expected a JSON object');
  const members: [string, unknown][] = Object.entries(body);
  return Object.fromEntries(members);
}

const Thing = Type.Object({ name: Type.String(), traceparents: Type.Array(Type.String()) });

/**
 * Two services over real HTTP, as the platform runs them: the front one calls the back one through
 * the service client, and the back one reads a SQLite database.
 */
describe('one trace per request, across services and into the database', () => {
  const frontLines: Record<string, unknown>[] = [];
  const backLines: Record<string, unknown>[] = [];
  let database: Database<{ things: { id: string; name: string } }>;
  let back: ServiceApp;
  let front: ServiceApp;
  let backClient: ServiceClient;
  let frontUrl: string;
  let backUrl: string;

  const listen = async (app: ServiceApp) => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    database = openDatabase(testDatabaseConfig('sqlite::memory:'));
    await sql`create table things (id text primary key, name text not null)`.execute(database.db);
    await database.db.insertInto('things').values({ id: 'lamp', name: 'a lamp' }).execute();

    back = createServiceApp({
      service: 'back-service',
      version: 'test',
      auth: testAuth().provider,
      logger: capturedLogger('back-service', backLines),
    });
    back.get('/internal/things/:id', { config: { auth: publicAccess } }, async (request) => {
      const { id } = request.params as { id: string };
      const thing = await database.db
        .selectFrom('things')
        .select('name')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      request.log.info('looked the thing up');
      // Node joins a repeated header's values with commas.
      const traceparents = [request.headers.traceparent ?? []].flat().flatMap((value) => value.split(','));
      return { name: thing.name, traceparents };
    });
    backUrl = await listen(back);
    backClient = new ServiceClient({
      name: 'back-service',
      baseUrl: backUrl,
      config: {
        timeoutMs: 2_000,
        retries: 0,
        breakerFailureThreshold: 5,
        breakerFirstProbeMs: 100,
        breakerResetMs: 100,
      },
    });

    front = createServiceApp({
      service: 'front-service',
      version: 'test',
      auth: testAuth().provider,
      logger: capturedLogger('front-service', frontLines),
    });
    front.get('/api/v1/things/lamp', { config: { auth: publicAccess } }, async (request) => {
      const answer = await backClient.get('/internal/things/lamp', Thing, { context: forwardFrom(request) });
      return answer.body;
    });
    // As the gateway's proxy does: the caller's headers, trace headers included, passed on with undici.
    front.get('/api/v1/relayed', { config: { auth: publicAccess } }, async () => {
      const relayed = await undiciRequest(`${backUrl}/internal/things/lamp`, {
        headers: { traceparent: STALE_TRACEPARENT, tracestate: 'stale=1' },
      });
      return relayed.body.json();
    });
    front.get('/api/v1/taken', { config: { auth: publicAccess } }, async () => {
      throw conflict('that name is taken');
    });
    frontUrl = await listen(front);
  });

  afterAll(async () => {
    await front?.close();
    await back?.close();
    await backClient?.close();
    await database?.close();
    await tracing.stop();
  });

  const spansOfTrace = (traceId: string) =>
    tracing.spans().filter((span) => span.spanContext().traceId === traceId);

  it("joins the caller's trace and links every hop to the span that caused it", async () => {
    const response = await fetch(`${frontUrl}/api/v1/things/lamp`, {
      headers: { traceparent: CALLER_TRACEPARENT },
    });
    expect(response.status).toBe(200);
    const query = await tracing.spanWhere(
      'the query of the request',
      (span) => span.name === 'SELECT things',
    );
    const backServer = await tracing.spanWhere(
      "the back service's request",
      (span) => isServerSpan(span) && span.name === 'GET /internal/things/:id',
    );
    const frontServer = await tracing.spanWhere(
      "the front service's request",
      (span) => isServerSpan(span) && span.name === 'GET /api/v1/things/lamp',
    );

    const trace = spansOfTrace(CALLER_TRACE_ID);
    expect(trace).toEqual(expect.arrayContaining([query, backServer, frontServer]));
    expect(parentOf(frontServer)).toBe(CALLER_SPAN_ID);
    // front: HTTP server span -> Fastify request span -> the service client's call
    const frontRoute = trace.find((span) => parentOf(span) === frontServer.spanContext().spanId);
    expect(frontRoute?.name).toBe('request');
    const call = trace.find(
      (span) => span.name === 'GET' && parentOf(span) === frontRoute?.spanContext().spanId,
    );
    expect(call?.attributes['url.full']).toBe(`${backUrl}/internal/things/lamp`);
    // back: its server span is the call's child, then its request span, then the query
    expect(parentOf(backServer)).toBe(call?.spanContext().spanId);
    const backRoute = trace.find((span) => parentOf(span) === backServer.spanContext().spanId);
    expect(backRoute?.name).toBe('request');
    expect(parentOf(query)).toBe(backRoute?.spanContext().spanId);
    expect(query.attributes).toEqual({
      'db.system': 'sqlite',
      'db.statement': 'select "name" from "things" where "id" = ?',
      'db.operation.name': 'SELECT',
      'db.collection.name': 'things',
    });
  });

  it('writes the trace and span into every log line of the request', async () => {
    frontLines.length = 0;
    backLines.length = 0;
    await fetch(`${frontUrl}/api/v1/things/lamp`, { headers: { traceparent: CALLER_TRACEPARENT } });
    const lookedUp = backLines.find((line) => line.message === 'looked the thing up');
    const backSpanIds = spansOfTrace(CALLER_TRACE_ID).map((span) => span.spanContext().spanId);
    expect(lookedUp?.traceId).toBe(CALLER_TRACE_ID);
    expect(backSpanIds).toContain(lookedUp?.spanId);
    const requestLines = [...frontLines, ...backLines].filter((line) => 'requestId' in line);
    expect(requestLines.map((line) => line.message)).toEqual(
      expect.arrayContaining(['incoming request', 'request completed', 'looked the thing up']),
    );
    for (const line of requestLines)
      expect(line).toMatchObject({ traceId: CALLER_TRACE_ID, spanId: expect.any(String) });
  });

  it("replaces trace headers a proxy passes on with its own call's, so the trace is not broken", async () => {
    const relayed = await jsonObject(
      fetch(`${frontUrl}/api/v1/relayed`, { headers: { traceparent: CALLER_TRACEPARENT } }),
    );
    expect(relayed.traceparents).toHaveLength(1);
    const sent = String([relayed.traceparents].flat()[0]);
    expect(sent).toMatch(new RegExp(`^00-${CALLER_TRACE_ID}-[0-9a-f]{16}-01$`));
    const call = await tracing.spanWhere('the relayed call', (span) =>
      sent.includes(span.spanContext().spanId),
    );
    expect(call.name).toBe('GET');
  });

  it('starts a trace of its own for a caller that sent none', async () => {
    const response = await fetch(`${frontUrl}/api/v1/things/lamp`);
    const requestId = response.headers.get('x-request-id');
    const completed = frontLines.find(
      (line) => line.requestId === requestId && line.message === 'request completed',
    );
    expect(completed?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(completed?.traceId).not.toBe(CALLER_TRACE_ID);
    const server = await tracing.spanWhere(
      'the request without a caller trace',
      (span) =>
        isServerSpan(span) &&
        span.spanContext().traceId === completed?.traceId &&
        span.name === 'GET /api/v1/things/lamp',
    );
    expect(server.parentSpanContext).toBeUndefined();
  });

  it('names the trace in a problem response, next to the request id', async () => {
    const response = await fetch(`${frontUrl}/api/v1/taken`, {
      headers: { traceparent: CALLER_TRACEPARENT },
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      code: 'CONFLICT',
      requestId: response.headers.get('x-request-id'),
      traceId: CALLER_TRACE_ID,
    });
    const unknown = await fetch(`${frontUrl}/api/v1/nothing-here`);
    const body = await jsonObject(unknown);
    expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);
    await tracing.spanWhere(
      'the 404 request',
      (span) => isServerSpan(span) && span.spanContext().traceId === body.traceId,
    );
  });

  it('traces no health probe', async () => {
    expect((await fetch(`${frontUrl}/health/live`)).status).toBe(200);
    const after = await fetch(`${frontUrl}/api/v1/taken`);
    const { traceId } = await jsonObject(after);
    await tracing.spanWhere('the request after the probe', (span) => span.spanContext().traceId === traceId);
    expect(
      tracing.spans().filter((span) => String(span.attributes['url.path']).startsWith('/health')),
    ).toEqual([]);
  });
});
