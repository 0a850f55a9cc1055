import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Type } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../src/errors/index.js';
import { ServiceClient } from '../src/http-client/index.js';

type Behaviour = (request: IncomingMessage) =>
  | {
      status: number;
      body?: unknown;
      delayMs?: number;
      headers?: Record<string, string>;
    }
  | 'hang up';

/** The body every successful answer of the stub has. */
const Ok = Type.Object({ ok: Type.Literal(true) });

/** A real HTTP server whose answer each test chooses, counting what reaches it. */
describe('ServiceClient', () => {
  let server: Server;
  let baseUrl: string;
  let behaviour: Behaviour = () => ({ status: 200, body: { ok: true } });
  const received: IncomingMessage[] = [];
  const clients: ServiceClient[] = [];

  const client = (
    overrides: Partial<ConstructorParameters<typeof ServiceClient>[0]['config']> = {},
    url = baseUrl,
  ) => {
    const created = new ServiceClient({
      name: 'stub-service',
      baseUrl: url,
      config: {
        timeoutMs: 500,
        retries: 2,
        breakerFailureThreshold: 3,
        breakerFirstProbeMs: 200,
        breakerResetMs: 200,
        ...overrides,
      },
    });
    clients.push(created);
    return created;
  };

  const failure = (promise: Promise<unknown>) =>
    promise.then(
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
      received.push(request);
      const answer = behaviour(request);
      if (answer === 'hang up') {
        request.socket.destroy();
        return;
      }
      setTimeout(() => {
        response.writeHead(answer.status, { 'content-type': 'application/problem+json', ...answer.headers });
        response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    vi.useRealTimers();
    received.length = 0;
    await Promise.all(clients.splice(0).map((created) => created.close()));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('propagates the request id and the caller token, and no trace header of its own', async () => {
    behaviour = () => ({ status: 200, body: { ok: true } });
    const response = await client().post('/things', Ok, {
      context: { requestId: 'req-42', authorization: 'Bearer caller' },
      body: { name: 'x' },
      query: { page: 2, skip: undefined, kinds: ['free_text', 'true_false'] },
    });
    expect(response).toEqual({ status: 200, body: { ok: true }, headers: expect.any(Object) });
    const [request] = received;
    expect(request?.url).toBe('/things?page=2&kinds=free_text&kinds=true_false');
    expect(request?.headers).toMatchObject({
      'x-request-id': 'req-42',
      authorization: 'Bearer caller',
      'content-type': 'application/json',
    });
    // Tracing is off here: with it on, the instrumentation adds them (tracing-requests.test.ts).
    expect(request?.headers).not.toHaveProperty('traceparent');
  });

  describe("checks each answer against the owner's schema", () => {
    const Drawn = Type.Object({
      question: Type.Object({ id: Type.String(), kind: Type.Enum(['free_text', 'true_false']) }),
    });

    it('passes a body that matches on, typed by the schema', async () => {
      behaviour = () => ({ status: 200, body: { question: { id: 'q1', kind: 'true_false' } } });
      const response = await client().get('/draw', Drawn, { context: {} });
      expect(response.body.question.kind).toBe('true_false');
    });

    it.each<[string, unknown, string]>([
      ['a value of the wrong kind', { question: { id: 'q1', kind: 'Lima' } }, 'body/question/kind'],
      [
        'a missing member',
        { question: { kind: 'free_text' } },
        'body/question must have required properties id',
      ],
      ['no body at all', undefined, 'body must be object'],
    ])(
      'refuses %s with 502 UPSTREAM_INVALID_RESPONSE naming the service and the path',
      async (_case, body, where) => {
        behaviour = () => ({ status: 200, body });
        const error = await failure(client().get('/draw', Drawn, { context: {} }));
        expect(error).toMatchObject({ statusCode: 502, code: 'UPSTREAM_INVALID_RESPONSE' });
        expect(error.message).toContain('stub-service');
        expect(error.message).toContain(where);
        expect(error.message).not.toContain('Lima');
      },
    );

    it('neither retries nor counts a broken contract: the downstream answered', async () => {
      behaviour = () => ({ status: 200, body: { ok: 'yes' } });
      const checking = client({ retries: 2, breakerFailureThreshold: 1 });
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(await failure(checking.get('/things', Ok, { context: {} }))).toMatchObject({
          statusCode: 502,
        });
      }
      expect(received).toHaveLength(3);
      expect(checking.circuitState).toBe('closed');
    });
  });

  it('gives up on a slow service with 504 UPSTREAM_TIMEOUT', async () => {
    behaviour = () => ({ status: 200, body: {}, delayMs: 1_000 });
    const error = await failure(client({ retries: 0 }).get('/slow', Ok, { context: {} }));
    expect(error.statusCode).toBe(504);
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('retries an idempotent call on a server error, and succeeds when the service recovers', async () => {
    let calls = 0;
    behaviour = () => {
      calls += 1;
      return calls < 3 ? { status: 503, body: {} } : { status: 200, body: { ok: true } };
    };
    expect((await client().get('/flaky', Ok, { context: {} })).status).toBe(200);
    expect(received).toHaveLength(3);
  });

  it('never retries a POST unless the caller says it is idempotent', async () => {
    behaviour = () => ({ status: 500, body: {} });
    const error = await failure(client().post('/create', Ok, { context: {}, body: {} }));
    expect(error.statusCode).toBe(502);
    expect(received).toHaveLength(1);
    received.length = 0;
    await failure(client().post('/create', Ok, { context: {}, body: {}, idempotent: true }));
    expect(received).toHaveLength(3);
  });

  it('does not retry client errors, and passes their status, code and detail on', async () => {
    behaviour = () => ({
      status: 404,
      body: {
        type: '/problems/game-not-found',
        title: 'Not Found',
        status: 404,
        detail: 'no game g1',
        code: 'GAME_NOT_FOUND',
        extra: 7,
        // The downstream's own: the caller's problem names its request and trace instead.
        requestId: 'downstream-request',
        traceId: '0af7651916cd43dd8448eb211c80319c',
      },
      headers: { 'www-authenticate': 'Bearer realm="x"' },
    });
    const error = await failure(client().get('/games/g1', Ok, { context: {} }));
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'GAME_NOT_FOUND',
      message: 'no game g1',
    });
    expect(error.extensions).toStrictEqual({ extra: 7 });
    expect(error.headers).toEqual({ 'www-authenticate': 'Bearer realm="x"' });
  });

  it('opens the breaker after repeated failures, fails fast while open, and closes again', async () => {
    behaviour = () => ({ status: 500, body: {} });
    const breaking = client({ retries: 0, breakerFailureThreshold: 3 });
    for (let attempt = 0; attempt < 3; attempt += 1)
      await failure(breaking.get('/down', Ok, { context: {} }));
    expect(breaking.circuitState).toBe('open');
    const fast = await failure(breaking.get('/down', Ok, { context: {} }));
    expect(fast).toMatchObject({ statusCode: 503, code: 'UPSTREAM_UNAVAILABLE' });
    expect(fast.headers['retry-after']).toBeDefined();
    expect(received).toHaveLength(3);

    behaviour = () => ({ status: 200, body: { ok: true } });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await breaking.get('/down', Ok, { context: {} })).status).toBe(200);
    expect(breaking.circuitState).toBe('closed');
  });

  describe("counts only the downstream's own failures", () => {
    it("never opens on 4xx answers, however many: they are the caller's input", async () => {
      behaviour = () => ({ status: 400, body: { status: 400, code: 'VALIDATION_FAILED', detail: 'bad' } });
      const breaking = client({ retries: 0, breakerFailureThreshold: 3 });
      for (let attempt = 0; attempt < 10; attempt += 1) {
        expect(await failure(breaking.get('/things', Ok, { context: {} }))).toMatchObject({
          statusCode: 400,
        });
      }
      expect(breaking.circuitState).toBe('closed');
      expect(received).toHaveLength(10);
    });

    it('never opens, nor retries, on a failure of the calling side', async () => {
      const breaking = client({ retries: 2, breakerFailureThreshold: 3 });
      for (let attempt = 0; attempt < 10; attempt += 1) {
        await expect(breaking.get('/a path with spaces', Ok, { context: {} })).rejects.toThrow(
          /invalid request path/,
        );
      }
      expect(breaking.circuitState).toBe('closed');
      behaviour = () => ({ status: 200, body: { ok: true } });
      expect((await breaking.get('/things', Ok, { context: {} })).status).toBe(200);
    });

    it.each<[string, Behaviour]>([
      ['5xx answers', () => ({ status: 500, body: {} })],
      ['lost connections', () => 'hang up'],
    ])('opens on %s', async (_case, answer) => {
      behaviour = answer;
      const breaking = client({ retries: 0, breakerFailureThreshold: 3 });
      for (let attempt = 0; attempt < 3; attempt += 1)
        await failure(breaking.get('/down', Ok, { context: {} }));
      expect(breaking.circuitState).toBe('open');
    });

    it('opens on refused connections', async () => {
      const unreachable = client({ retries: 0, breakerFailureThreshold: 2 }, 'http://127.0.0.1:1');
      for (let attempt = 0; attempt < 2; attempt += 1)
        await failure(unreachable.get('/x', Ok, { context: {} }));
      expect(unreachable.circuitState).toBe('open');
    });
  });

  describe('a downstream that comes back', () => {
    it('is tried again after the first probe delay, not after the whole reset time', async () => {
      behaviour = () => ({ status: 500, body: {} });
      const breaking = client({
        retries: 0,
        breakerFailureThreshold: 1,
        breakerFirstProbeMs: 100,
        breakerResetMs: 10_000,
      });
      await failure(breaking.get('/down', Ok, { context: {} }));
      expect(breaking.circuitState).toBe('open');

      behaviour = () => ({ status: 200, body: { ok: true } });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect((await breaking.get('/up', Ok, { context: {} })).status).toBe(200);
      expect(breaking.circuitState).toBe('closed');
    });

    it('waits twice as long after each failed trial, up to the reset time, and says how long', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      behaviour = () => ({ status: 500, body: {} });
      const breaking = client({
        retries: 0,
        breakerFailureThreshold: 1,
        breakerFirstProbeMs: 1_500,
        breakerResetMs: 4_000,
      });
      const refusedFor = async (): Promise<string | undefined> => {
        const before = received.length;
        const error = await failure(breaking.get('/down', Ok, { context: {} }));
        expect(error).toMatchObject({ statusCode: 503, code: 'UPSTREAM_UNAVAILABLE' });
        expect(received).toHaveLength(before);
        return error.headers['retry-after'];
      };
      const trialFails = async () => {
        const before = received.length;
        expect(await failure(breaking.get('/down', Ok, { context: {} }))).toMatchObject({ statusCode: 502 });
        expect(received).toHaveLength(before + 1);
      };

      await trialFails();
      expect(await refusedFor()).toBe('2');
      vi.advanceTimersByTime(1_499);
      expect(await refusedFor()).toBe('1');
      vi.advanceTimersByTime(1);
      await trialFails();

      vi.advanceTimersByTime(2_999);
      expect(await refusedFor()).toBe('1');
      vi.advanceTimersByTime(1);
      await trialFails();

      expect(await refusedFor()).toBe('4');
      vi.advanceTimersByTime(4_000);
      behaviour = () => ({ status: 200, body: { ok: true } });
      expect((await breaking.get('/up', Ok, { context: {} })).status).toBe(200);
      expect(breaking.circuitState).toBe('closed');
    });
  });

  describe('answers one way for each situation', () => {
    it('a downstream server error: 502 UPSTREAM_FAILED, with nothing of its body', async () => {
      behaviour = () => ({ status: 500, body: { status: 500, code: 'INTERNAL_ERROR', detail: 'boom' } });
      const error = await failure(client({ retries: 0 }).get('/x', Ok, { context: {} }));
      expect(error).toMatchObject({ statusCode: 502, code: 'UPSTREAM_FAILED' });
      expect(error.message).not.toContain('boom');
      expect(error.headers['retry-after']).toBeUndefined();
    });

    it.each<[string, Behaviour]>([
      ['answers 503', () => ({ status: 503, body: {} })],
      ['hangs up', () => 'hang up'],
    ])('a downstream that %s: 503 UPSTREAM_UNAVAILABLE with Retry-After', async (_case, answer) => {
      behaviour = answer;
      const error = await failure(client({ retries: 0 }).get('/x', Ok, { context: {} }));
      expect(error).toMatchObject({ statusCode: 503, code: 'UPSTREAM_UNAVAILABLE' });
      expect(error.headers['retry-after']).toBe('1');
    });

    it('nothing listening: 503 UPSTREAM_UNAVAILABLE with Retry-After from the first call on', async () => {
      const unreachable = client({ retries: 0, breakerFailureThreshold: 2 }, 'http://127.0.0.1:1');
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const error = await failure(unreachable.get('/x', Ok, { context: {} }));
        expect(error).toMatchObject({ statusCode: 503, code: 'UPSTREAM_UNAVAILABLE' });
        expect(error.headers['retry-after']).toBeDefined();
      }
      expect(unreachable.circuitState).toBe('open');
    });
  });
});
