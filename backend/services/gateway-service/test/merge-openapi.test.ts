import { ErrorCode } from '@know-foolery/shared/errors';
import { errorResponses } from '@know-foolery/shared/http-server';
import { describe, expect, it } from 'vitest';
import { mergeOpenApi, type ServiceDocument } from '../src/docs/merge-openapi.js';

const gateway: ServiceDocument = {
  paths: {
    '/api/v1/dev/token': {
      post: { summary: 'token', security: [], responses: errorResponses({ 400: ['A'] }) },
    },
    '/health/live': { get: { responses: {} } },
  },
};

const game: ServiceDocument = {
  paths: {
    '/api/v1/games/{id}/answers': {
      post: {
        summary: 'answer',
        responses: {
          200: { description: 'judged' },
          ...errorResponses({ 409: ['GAME_OVER'], 503: ['UPSTREAM_UNAVAILABLE'] }),
        },
      },
    },
    '/api/v1/leaderboard': {
      get: {
        summary: 'board',
        parameters: [
          { in: 'query', name: 'limit', required: true, schema: { type: 'integer', default: 10 } },
          { in: 'query', name: 'period', required: true, schema: { type: 'string' } },
        ],
        responses: { 200: { description: 'the board' } },
      },
    },
    '/internal/questions/draw': { post: { responses: {} } },
  },
};

const merged = mergeOpenApi(gateway, [{ name: 'game-service', document: game }], 'test');
const paths = merged.paths as Record<string, Record<string, Record<string, unknown>>>;
const responsesOf = (path: string, method: string) =>
  paths[path]?.[method]?.responses as Record<string, Record<string, unknown>>;
const codesOf = (response: Record<string, unknown> | undefined) =>
  JSON.stringify(response).match(/"enum":\[[^\]]*\]/)?.[0];

describe('the public document merged from the gateway and the services', () => {
  it('holds the public operations only: no health, nothing internal', () => {
    expect(Object.keys(paths)).toEqual([
      '/api/v1/dev/token',
      '/api/v1/games/{id}/answers',
      '/api/v1/leaderboard',
    ]);
  });

  it("says every operation's security: a public one none, the others a bearer token or the session cookie", () => {
    const either = [{ bearerAuth: [] }, { sessionCookie: [] }];
    expect(paths['/api/v1/dev/token']?.post?.security).toEqual([]);
    expect(paths['/api/v1/leaderboard']?.get?.security).toEqual(either);
    expect(merged.security).toEqual(either);
    expect(merged.components).toMatchObject({
      securitySchemes: { sessionCookie: { type: 'apiKey', in: 'cookie', name: '__Host-kf_session' } },
    });
  });

  it('adds the refusals of sessions and revoked tokens where credentials are needed, CSRF to changes only', () => {
    const answers = responsesOf('/api/v1/games/{id}/answers', 'post');
    expect(codesOf(answers[401])).toBe('"enum":["SESSION_INVALID","TOKEN_REVOKED"]');
    expect(codesOf(answers[403])).toBe('"enum":["CSRF_REJECTED"]');
    const board = responsesOf('/api/v1/leaderboard', 'get');
    expect(codesOf(board[401])).toBe('"enum":["SESSION_INVALID","TOKEN_REVOKED"]');
    expect(board[403]).toBeUndefined();
    expect(responsesOf('/api/v1/dev/token', 'post')[401]).toBeUndefined();
  });

  it("adds the gateway's 429 with Retry-After everywhere, naming the limit that applies", () => {
    const answers = responsesOf('/api/v1/games/{id}/answers', 'post')[429];
    expect(answers?.description).toMatch(/answers have a limit of their own/);
    expect(answers?.headers).toMatchObject({ 'retry-after': { schema: { type: 'integer', minimum: 1 } } });
    expect(responsesOf('/api/v1/dev/token', 'post')[429]?.description).toMatch(/development tokens/);
    expect(responsesOf('/api/v1/leaderboard', 'get')[429]?.description).toMatch(/from this player/);
  });

  it('adds 503 and 504 to proxied operations only, keeping the codes a service declared', () => {
    const answers = responsesOf('/api/v1/games/{id}/answers', 'post');
    expect(codesOf(answers[409])).toBe('"enum":["GAME_OVER"]');
    expect(codesOf(answers[503])).toBe(`"enum":["${ErrorCode.upstreamUnavailable}"]`);
    expect(codesOf(answers[504])).toBe(`"enum":["${ErrorCode.upstreamTimeout}"]`);
    expect(responsesOf('/api/v1/dev/token', 'post')[503]).toBeUndefined();
  });

  it('sends every error as problem+json that refers to the one Problem schema', () => {
    const conflict = responsesOf('/api/v1/games/{id}/answers', 'post')[409];
    expect(JSON.stringify(conflict?.content)).toContain(
      '"application/problem+json":{"schema":{"allOf":[{"$ref":"#/components/schemas/Problem"}',
    );
    expect(merged.components).toMatchObject({ schemas: { Problem: { type: 'object' } } });
  });

  it('makes a query parameter with a default optional to the caller', () => {
    expect(paths['/api/v1/leaderboard']?.get?.parameters).toMatchObject([
      { name: 'limit', required: false },
      { name: 'period', required: true },
    ]);
  });

  it('names the services that did not answer', () => {
    const partial = mergeOpenApi(gateway, [{ name: 'game-service', document: null }], 'test');
    expect(JSON.stringify(partial.info)).toContain('did not answer just now: game-service');
  });
});
