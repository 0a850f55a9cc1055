import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Type } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors/index.js';
import { headerValues, ServiceClient } from '../src/http-client/index.js';

interface Answer {
  readonly status: number;
  /** A list is sent as the same header repeated. */
  readonly headers?: Readonly<Record<string, string | string[]>>;
  /** Sent as is. */
  readonly text?: string;
}

const CONTEXT = { context: { requestId: 'req-1' } };
const Anything = Type.Unknown();

/** A real HTTP server that answers what the test sets, and remembers each request it received. */
describe('ServiceClient requests and answers', () => {
  let server: Server;
  let baseUrl: string;
  let answer: Answer = { status: 200 };
  const received: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const clients: ServiceClient[] = [];

  const newClient = () =>
    new ServiceClient({
      name: 'stub-service',
      baseUrl,
      config: {
        timeoutMs: 1_000,
        retries: 2,
        breakerFailureThreshold: 10,
        breakerFirstProbeMs: 5_000,
        breakerResetMs: 30_000,
      },
    });

  /** A client closed after the test. */
  const client = () => {
    const created = newClient();
    clients.push(created);
    return created;
  };

  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => {
        if (!(error instanceof AppError)) throw error;
        return error;
      },
    );

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body,
        });
        response.writeHead(answer.status, answer.headers);
        response.end(answer.text ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the stub has no port');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterEach(async () => {
    received.length = 0;
    await Promise.all(clients.splice(0).map((created) => created.close()));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends PUT, PATCH and DELETE with their bodies, and a GET with no body and no content type', async () => {
    answer = { status: 200, headers: { 'content-type': 'application/json' }, text: '{"ok":true}' };
    const stub = client();
    await stub.put('/things/1', Anything, { ...CONTEXT, body: { name: 'put' } });
    await stub.patch('/things/1', Anything, { ...CONTEXT, body: { name: 'patch' } });
    await stub.delete('/things/1', Anything, CONTEXT);
    await stub.get('/things', Anything, { ...CONTEXT, query: { theme: undefined } });
    expect(received.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'PUT', url: '/things/1', body: '{"name":"put"}' },
      { method: 'PATCH', url: '/things/1', body: '{"name":"patch"}' },
      { method: 'DELETE', url: '/things/1', body: '' },
      { method: 'GET', url: '/things', body: '' },
    ]);
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(received[3]?.headers['content-type']).toBeUndefined();
  });

  it("hands back the answer's headers: a header sent twice with both its values, one never sent with none", async () => {
    answer = {
      status: 201,
      headers: {
        'content-type': 'application/json',
        'set-cookie': ['a=1; Path=/; HttpOnly', 'b=2; Path=/'],
        'x-single': 'one',
      },
      text: '{"ok":true}',
    };
    const created = await client().post('/things', Anything, { ...CONTEXT, body: {} });
    expect(created.status).toBe(201);
    expect(headerValues(created.headers, 'set-cookie')).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
    expect(headerValues(created.headers, 'x-single')).toEqual(['one']);
    expect(headerValues(created.headers, 'content-type')).toEqual(['application/json']);
    expect(headerValues(created.headers, 'x-never-sent')).toEqual([]);
    // Names are looked up as the headers' own: nothing inherited from Object.prototype is a header.
    expect(headerValues(created.headers, 'constructor')).toEqual([]);
  });

  it('never retries a PATCH on a server error, as it never retries a POST', async () => {
    answer = { status: 500 };
    await refusal(client().patch('/things/1', Anything, { ...CONTEXT, body: { name: 'x' } }));
    expect(received).toHaveLength(1);
  });

  it('reads an empty answer as no body, JSON only when the answer says it is JSON, and broken JSON as text', async () => {
    const bodyOf = async (next: Answer) => {
      answer = next;
      return (await client().get('/things', Anything, CONTEXT)).body;
    };
    expect(await bodyOf({ status: 204, headers: { 'content-type': 'application/json' } })).toBeUndefined();
    expect(
      await bodyOf({ status: 200, headers: { 'content-type': 'text/plain' }, text: '{"ok":true}' }),
    ).toBe('{"ok":true}');
    expect(await bodyOf({ status: 200, text: '{"ok":true}' })).toBe('{"ok":true}');
    expect(
      await bodyOf({ status: 200, headers: { 'content-type': 'application/json' }, text: '{"ok":' }),
    ).toBe('{"ok":');
  });

  it("passes a refusal's Retry-After on, and no header it did not send", async () => {
    answer = {
      status: 429,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '7' },
      text: JSON.stringify({ status: 429, code: 'RATE_LIMITED', detail: 'slow down' }),
    };
    const limited = await refusal(client().get('/things', Anything, CONTEXT));
    expect(limited).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', message: 'slow down' });
    expect(limited.headers).toStrictEqual({ 'retry-after': '7' });
  });

  it('names the downstream in a refusal that says nothing of its own', async () => {
    answer = {
      status: 409,
      headers: { 'content-type': 'application/problem+json' },
      text: JSON.stringify({ status: 409, code: 'CONFLICT' }),
    };
    expect(await refusal(client().get('/things', Anything, CONTEXT))).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'stub-service refused the request',
    });
    answer = {
      status: 401,
      headers: { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' },
      text: 'no',
    };
    const plain = await refusal(client().get('/things', Anything, CONTEXT));
    expect(plain).toMatchObject({
      statusCode: 401,
      code: 'BAD_REQUEST',
      message: 'stub-service refused the request (401)',
    });
    expect(plain.headers).toStrictEqual({ 'www-authenticate': 'Bearer' });
  });

  it('refuses a call once it is closed, as an error of the calling side', async () => {
    const closed = newClient();
    await closed.close();
    await expect(closed.get('/things', Anything, CONTEXT)).rejects.toThrow();
    expect(received).toHaveLength(0);
  });

  it('asks the caller to retry an unavailable downstream after the first probe delay while the breaker is closed', async () => {
    answer = { status: 503 };
    const unavailable = await refusal(client().post('/things', Anything, CONTEXT));
    expect(unavailable).toMatchObject({ statusCode: 503, headers: { 'retry-after': '5' } });
  });
});
