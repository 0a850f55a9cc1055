import {
  SIGN_IN_SESSION_PATH,
  SIGN_OUT_SESSION_PATH,
  type SignInSessionBody,
} from '@know-foolery/session-service/contract';
import { createServiceTokenSource } from '@know-foolery/shared/auth';
import { AppError } from '@know-foolery/shared/errors';
import { ServiceClient } from '@know-foolery/shared/http-client';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpSessionSignIns, type SessionSignIns } from '../src/clients/session-sign-ins.js';
import { auth } from './harness.js';
import { urlOf } from './upstream-stubs.js';

/** What the stand-in answers next: a status, a body, and the Set-Cookie lines it sends. */
interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly setCookies: string[];
}

const SIGN_IN: SignInSessionBody = {
  accessToken: 'at',
  accessTokenExpiresAt: '2026-11-25T11:00:00.000Z',
  refreshToken: null,
  idToken: 'id',
  authenticatedAt: '2026-11-25T10:00:00.000Z',
  authMethods: ['pwd'],
  client: null,
  name: 'Pat Player',
};

const SIGNED_IN = { handle: 'h', csrfToken: 'c', expiresAt: '2026-11-26T10:00:00.000Z' };

describe("the gateway's sign-in and sign-out calls to session-service", () => {
  let server: FastifyInstance;
  let client: ServiceClient;
  let signIns: SessionSignIns;
  let answer: Answer;
  const received: { url: string; authorization: string | undefined; body: unknown }[] = [];

  beforeAll(async () => {
    server = Fastify();
    server.post('/*', async (request, reply) => {
      received.push({ url: request.url, authorization: request.headers.authorization, body: request.body });
      reply.code(answer.status).header('set-cookie', answer.setCookies);
      return answer.body;
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    client = new ServiceClient({
      name: 'session-service',
      baseUrl: urlOf(server.server),
      config: {
        timeoutMs: 2_000,
        retries: 2,
        breakerFailureThreshold: 100,
        breakerFirstProbeMs: 10,
        breakerResetMs: 100,
      },
    });
    if (auth.issuer === null) throw new Error('the test auth cannot issue tokens');
    signIns = httpSessionSignIns(client, createServiceTokenSource(auth.issuer, 'gateway'));
  });

  afterAll(async () => {
    await client.close();
    await server.close();
  });

  beforeEach(() => {
    received.length = 0;
  });

  const refusal = async (call: Promise<unknown>): Promise<AppError> => {
    const error = await call.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
    return error;
  };

  it('signs in as the gateway and hands back every Set-Cookie line with the body', async () => {
    answer = {
      status: 201,
      body: SIGNED_IN,
      setCookies: ['kf_session=v; Path=/; HttpOnly', 'other=1; Path=/'],
    };
    const opened = await signIns.signIn(SIGN_IN, { requestId: 'r1', authorization: 'Bearer browser' });
    expect(opened).toEqual({
      body: SIGNED_IN,
      setCookies: ['kf_session=v; Path=/; HttpOnly', 'other=1; Path=/'],
    });
    expect(received).toEqual([
      { url: SIGN_IN_SESSION_PATH, authorization: expect.stringMatching(/^Bearer ey/), body: SIGN_IN },
    ]);
    expect(received[0]?.authorization).not.toBe('Bearer browser');
  });

  it('signs out and hands back the clearing Set-Cookie', async () => {
    answer = { status: 200, body: { idToken: null }, setCookies: ['kf_session=; Max-Age=0; Path=/'] };
    const ended = await signIns.signOut({ cookie: 'c' }, {});
    expect(ended).toEqual({ body: { idToken: null }, setCookies: ['kf_session=; Max-Age=0; Path=/'] });
    expect(received.map((request) => request.url)).toEqual([SIGN_OUT_SESSION_PATH]);
  });

  it('answers 502 UPSTREAM_INVALID_RESPONSE when the answer sets no cookie, or breaks the contract', async () => {
    answer = { status: 201, body: SIGNED_IN, setCookies: [] };
    expect(await refusal(signIns.signIn(SIGN_IN, {}))).toMatchObject({
      statusCode: 502,
      code: 'UPSTREAM_INVALID_RESPONSE',
      message: 'session-service answered in a shape its contract does not allow: no Set-Cookie header',
    });
    answer = { status: 201, body: { handle: 'h' }, setCookies: ['kf_session=v'] };
    expect(await refusal(signIns.signIn(SIGN_IN, {}))).toMatchObject({
      statusCode: 502,
      code: 'UPSTREAM_INVALID_RESPONSE',
    });
  });

  it('never retries a sign-in: a failing session-service is asked once, and its failure answered as 502', async () => {
    answer = { status: 500, body: { oops: true }, setCookies: [] };
    expect(await refusal(signIns.signIn(SIGN_IN, {}))).toMatchObject({
      statusCode: 502,
      code: 'UPSTREAM_FAILED',
    });
    expect(received).toHaveLength(1);
  });

  it("passes session-service's refusal on with its status and code", async () => {
    answer = {
      status: 401,
      body: { status: 401, code: 'ACCESS_TOKEN_INVALID', detail: 'the access token does not verify' },
      setCookies: [],
    };
    expect(await refusal(signIns.signIn(SIGN_IN, {}))).toMatchObject({
      statusCode: 401,
      code: 'ACCESS_TOKEN_INVALID',
      message: 'the access token does not verify',
    });
  });
});
