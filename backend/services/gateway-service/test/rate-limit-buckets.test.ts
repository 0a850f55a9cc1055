import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { bucketMax, bucketOf } from '../src/edge/rate-limit.js';
import { type Gateway, gatewayDeps } from './harness.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const LIMITS = { windowMs: 60_000, addressMax: 100, max: 3, answersMax: 5, tokenMax: 2 };

describe('which bucket a request counts in', () => {
  it.each([
    ['POST', '/api/v1/games/g1/answers', 'answers'],
    ['POST', '/api/v1/games/g1/answers/', 'answers'],
    ['GET', '/api/v1/games/g1/answers', 'all'],
    ['POST', '/api/v1/dev/token', 'token'],
    ['GET', '/api/v1/dev/token', 'all'],
    ['POST', '/api/v1/games', 'all'],
    ['POST', '/api/v1/games/g1/answers/extra', 'all'],
    ['POST', '/v2/api/v1/games/g1/answers', 'all'],
  ])('%s %s counts in %s', (method, path, bucket) => {
    expect(bucketOf(method, path)).toBe(bucket);
  });

  it('gives each bucket its own maximum', () => {
    expect([bucketMax(LIMITS, 'answers'), bucketMax(LIMITS, 'token'), bucketMax(LIMITS, 'all')]).toEqual([
      5, 2, 3,
    ]);
  });
});

describe('rate limits of callers without a token', () => {
  let stubs: UpstreamStubs;
  let gateway: Gateway;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
  });

  afterAll(async () => {
    await stubs.close();
  });

  beforeEach(async () => {
    gateway = buildApp(gatewayDeps(stubs, { rateLimit: LIMITS }));
    await gateway.ready();
  });

  afterEach(async () => {
    await gateway.close();
  });

  const themes = (remoteAddress: string) =>
    gateway.inject({ method: 'GET', url: '/api/v1/themes', remoteAddress });
  const devToken = () =>
    gateway.inject({
      method: 'POST',
      url: '/api/v1/dev/token',
      remoteAddress: '203.0.113.7',
      payload: { sub: 'dora', roles: ['player'] },
    });

  it('counts each address on its own', async () => {
    for (let index = 0; index < LIMITS.max; index += 1)
      expect((await themes('203.0.113.7')).statusCode).toBe(200);
    expect((await themes('203.0.113.7')).statusCode).toBe(429);
    expect((await themes('198.51.100.1')).statusCode).toBe(200);
  });

  it('gives development tokens a limit of their own, apart from the other requests of the address', async () => {
    expect([(await devToken()).statusCode, (await devToken()).statusCode]).toEqual([201, 201]);
    expect((await devToken()).statusCode).toBe(429);
    expect((await themes('203.0.113.7')).statusCode).toBe(200);
  });

  it('says when to retry: the rest of the window, in whole seconds', async () => {
    for (let index = 0; index < LIMITS.max; index += 1) await themes('203.0.113.7');
    const limited = await themes('203.0.113.7');
    expect(limited.statusCode).toBe(429);
    const seconds = Number(limited.headers['retry-after']);
    expect(seconds).toBeGreaterThanOrEqual(59);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(limited.json().detail).toBe(`too many requests: try again in ${seconds} s`);
  });
});
