import type { InjectOptions } from 'light-my-request';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicAccess } from '../src/auth/index.js';
import { ErrorCode } from '../src/errors/index.js';
import {
  createServiceApp,
  errorResponses,
  JSON_BODY_ERRORS,
  mergeErrorCodes,
  type ServiceApp,
} from '../src/http-server/index.js';
import { testAuth } from '../src/testing/tokens.js';

const Order = Type.Object(
  { size: Type.Enum(['small', 'large']), note: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
const Filter = Type.Object(
  { period: Type.Enum(['all', 'week'], { default: 'all' }) },
  { additionalProperties: false },
);

/** A service with routes that declare their errors the way every service's do. */
function ordersApp(): ServiceApp {
  const app = createServiceApp({ service: 'orders-service', version: 'test', auth: testAuth().provider });
  const config = { auth: publicAccess };
  app.post(
    '/orders',
    { config, schema: { body: Order, response: { 201: Order, ...errorResponses(JSON_BODY_ERRORS) } } },
    async (request, reply) => reply.status(201).send(request.body),
  );
  app.get('/orders', { config, schema: { querystring: Filter } }, async (request) => request.query);
  app.register(async (scope) => {
    scope.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(
      '/notes',
      {
        config,
        schema: {
          body: {
            content: {
              'application/json': { schema: Type.Object({ text: Type.String() }) },
              'text/plain': { schema: Type.String({ description: 'the note as it is' }) },
            },
          },
        },
      },
      async (request) => ({ bytes: request.body instanceof Uint8Array ? request.body.byteLength : null }),
    );
  });
  return app;
}

describe('what a refused request is told', () => {
  let app: ServiceApp;

  beforeAll(async () => {
    app = ordersApp();
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  const issuesOf = async (request: InjectOptions) => {
    const response = await app.inject(request);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    return response.json().errors;
  };

  it('names the allowed values of an enum, in the body and in the query string', async () => {
    expect(await issuesOf({ method: 'POST', url: '/orders', payload: { size: 'huge' } })).toEqual([
      { path: 'body/size', message: 'must be one of "small", "large"' },
    ]);
    expect(await issuesOf({ method: 'GET', url: '/orders?period=month' })).toEqual([
      { path: 'querystring/period', message: 'must be one of "all", "week"' },
    ]);
  });

  it('names a missing field and an unknown one by their own path', async () => {
    expect(await issuesOf({ method: 'POST', url: '/orders', payload: {} })).toEqual([
      { path: 'body/size', message: 'is required' },
    ]);
    expect(
      await issuesOf({ method: 'POST', url: '/orders', payload: { size: 'small', colour: 'red' } }),
    ).toEqual([{ path: 'body/colour', message: 'is not a field this request takes' }]);
  });

  it('sends a declared error as problem+json with all its members', async () => {
    const response = await app.inject({ method: 'POST', url: '/orders', payload: { size: 'huge' } });
    expect(response.json()).toMatchObject({
      type: '/problems/validation-failed',
      status: 400,
      code: ErrorCode.validationFailed,
      instance: '/orders',
    });
  });

  it('leaves a body of another media type to the route that reads it, and checks a JSON one', async () => {
    const raw = await app.inject({
      method: 'POST',
      url: '/notes',
      headers: { 'content-type': 'text/plain' },
      payload: Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    });
    expect(raw.statusCode).toBe(200);
    expect(raw.json()).toEqual({ bytes: 4 });
    const json = await app.inject({ method: 'POST', url: '/notes', payload: { text: 42 } });
    expect(json.statusCode).toBe(400);
  });
});

describe('the error responses a route declares', () => {
  it('merges the codes of each status, once each, and describes each status', () => {
    const responses = errorResponses(JSON_BODY_ERRORS, { 400: [ErrorCode.validationFailed, 'OWN_CODE'] });
    expect(Object.keys(responses)).toEqual(['400', '413', '415']);
    const badRequest = responses[400];
    expect(badRequest?.description).toMatch(/refused/);
    expect(badRequest?.content['application/problem+json'].schema.properties.code.enum).toEqual([
      ErrorCode.validationFailed,
      ErrorCode.badRequest,
      'OWN_CODE',
    ]);
  });

  it('gives 429 and 503 their Retry-After header, and no other status', () => {
    const responses = errorResponses({ 404: ['GONE'], 429: [ErrorCode.rateLimited], 503: ['DOWN'] });
    expect(responses[429]?.headers?.['retry-after']).toMatchObject({ type: 'integer', minimum: 1 });
    expect(responses[503]?.headers?.['retry-after']).toBeDefined();
    expect(responses[404]).not.toHaveProperty('headers');
  });

  it('keeps only the statuses some set names', () => {
    expect(mergeErrorCodes({ 404: ['A'] }, {}, { 404: ['A', 'B'] })).toEqual({ 404: ['A', 'B'] });
  });
});
