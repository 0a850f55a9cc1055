import { Type } from 'typebox';
import { afterAll, describe, expect, it } from 'vitest';
import { ServiceClient } from '../src/http-client/index.js';
import { createServiceApp } from '../src/http-server/index.js';
import { testAuth } from '../src/testing/tokens.js';

describe('readiness and the circuit breakers of the clients a service owns', () => {
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
  const app = createServiceApp({
    service: 'probe-service',
    version: 'test',
    auth: testAuth().provider,
    circuits: { 'question-service': questions },
  });

  afterAll(async () => {
    await app.close();
    await questions.close();
  });

  it('reports each breaker, and stays ready while one is open', async () => {
    const closed = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'ready', circuits: { 'question-service': 'closed' } });

    await expect(questions.get('/internal/questions', Type.Unknown(), { context: {} })).rejects.toMatchObject(
      {
        statusCode: 503,
      },
    );
    const open = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ status: 'ready', circuits: { 'question-service': 'open' } });
  });
});
