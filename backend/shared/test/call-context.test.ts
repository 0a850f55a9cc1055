import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { asService, callHeaders, forwardFrom } from '../src/http-client/index.js';

describe('what a call to another service carries', () => {
  it("forwards the request's id and its caller's token, and nothing it did not have", async () => {
    const app = Fastify({ genReqId: () => 'req-1' });
    // The names as well as the values: a name without a value would still be sent as a header.
    app.get('/', async (request) => ({ ...forwardFrom(request), names: Object.keys(forwardFrom(request)) }));
    // The trace headers are the instrumentation's to send (tracing-requests.test.ts), never copied by hand.
    const forwarded = await app.inject({
      method: 'GET',
      url: '/',
      headers: { authorization: 'Bearer caller', traceparent: '00-trace-span-01', tracestate: 'vendor=1' },
    });
    expect(forwarded.json()).toStrictEqual({
      requestId: 'req-1',
      authorization: 'Bearer caller',
      names: ['requestId', 'authorization'],
    });
    const bare = await app.inject({ method: 'GET', url: '/' });
    expect(bare.json()).toStrictEqual({ requestId: 'req-1', names: ['requestId'] });
    await app.close();
  });

  it('sends as headers only what the context holds', () => {
    expect(callHeaders({})).toStrictEqual({});
    expect(callHeaders({ requestId: 'req-1', authorization: 'Bearer x' })).toStrictEqual({
      'x-request-id': 'req-1',
      authorization: 'Bearer x',
    });
  });

  it("replaces the caller's identity with the service's, keeping the id", () => {
    expect(asService({ requestId: 'req-1', authorization: 'Bearer caller' }, 'svc')).toStrictEqual({
      requestId: 'req-1',
      authorization: 'Bearer svc',
    });
  });
});
