import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Type } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors/index.js';
import { type DownstreamRefusal, ServiceClient } from '../src/http-client/index.js';

const Ok = Type.Object({ ok: Type.Literal(true) });

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
}

/** A downstream whose refusals are no problem documents: `{ code, message }` with a numeric code. */
describe("ServiceClient's refusal option", () => {
  let server: Server;
  let baseUrl: string;
  let answer: Answer = { status: 200, type: 'application/json', text: '{"ok":true}' };
  let requests = 0;
  const clients: ServiceClient[] = [];

  const client = () => {
    const created = new ServiceClient({
      name: 'directory',
      baseUrl,
      config: {
        timeoutMs: 1_000,
        retries: 2,
        breakerFailureThreshold: 5,
        breakerFirstProbeMs: 60_000,
        breakerResetMs: 60_000,
      },
    });
    clients.push(created);
    return created;
  };

  const failure = (promise: Promise<unknown>): Promise<AppError> =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => {
        if (!(error instanceof AppError)) throw error;
        return error;
      },
    );

  /** What the option was handed, and an answer by the body's numeric `code` when it has one. */
  const seen: DownstreamRefusal[] = [];
  const byCode = (refused: DownstreamRefusal): AppError | undefined => {
    seen.push(refused);
    const { body } = refused;
    if (typeof body !== 'object' || body === null || !('code' in body) || typeof body.code !== 'number')
      return undefined;
    return body.code === 9
      ? new AppError(409, 'STATE_CONFLICT', 'the state changed')
      : new AppError(400, 'VALIDATION_FAILED', 'the request is invalid');
  };

  beforeAll(async () => {
    server = createServer((_request, response) => {
      requests += 1;
      response.writeHead(answer.status, { 'content-type': answer.type, 'retry-after': '7' });
      response.end(answer.text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    seen.length = 0;
    requests = 0;
    await Promise.all(clients.splice(0).map((created) => created.close()));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('tells two refusals of the same status apart by their JSON body, neither retried nor counted', async () => {
    const directory = client();
    answer = { status: 400, type: 'application/json', text: '{"code":3,"message":"bad name"}' };
    const invalid = await failure(directory.get('/users/1', Ok, { context: {}, refusal: byCode }));
    answer = {
      status: 400,
      type: 'application/json; charset=utf-8',
      text: '{"code":9,"message":"inactive"}',
    };
    const conflict = await failure(directory.get('/users/1', Ok, { context: {}, refusal: byCode }));
    await failure(directory.get('/users/1', Ok, { context: {}, refusal: byCode }));

    expect({ status: invalid.statusCode, code: invalid.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect({ status: conflict.statusCode, code: conflict.code }).toEqual({
      status: 409,
      code: 'STATE_CONFLICT',
    });
    expect(seen[0]).toEqual({
      status: 400,
      body: { code: 3, message: 'bad name' },
      headers: expect.objectContaining({ 'retry-after': '7' }),
    });
    expect(requests).toBe(3);
    expect(directory.circuitState).toBe('closed');
  });

  it('hands a body that is not JSON over as its text, never parsed', async () => {
    answer = { status: 404, type: 'text/plain', text: '{"code":5}' };
    const error = await failure(client().get('/users/1', Ok, { context: {}, refusal: byCode }));
    expect(seen.map((refused) => refused.body)).toEqual(['{"code":5}']);
    expect({ status: error.statusCode, code: error.code }).toEqual({ status: 404, code: 'BAD_REQUEST' });
  });

  it('leaves the answer to the default mapping when the option answers undefined', async () => {
    answer = {
      status: 404,
      type: 'application/problem+json',
      text: JSON.stringify({ status: 404, code: 'USER_NOT_FOUND', detail: 'no user 1' }),
    };
    const error = await failure(client().get('/users/1', Ok, { context: {}, refusal: byCode }));
    expect(seen).toHaveLength(1);
    expect(error).toMatchObject({ statusCode: 404, code: 'USER_NOT_FOUND', message: 'no user 1' });
    expect(error.headers).toEqual({ 'retry-after': '7' });
  });

  it('is never asked about a success or a server error', async () => {
    answer = { status: 200, type: 'application/json', text: '{"ok":true}' };
    await client().get('/users/1', Ok, { context: {}, refusal: byCode });
    answer = { status: 500, type: 'application/json', text: '{"code":13}' };
    const error = await failure(client().get('/users/1', Ok, { context: {}, refusal: byCode }));
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(seen).toEqual([]);
  });
});
