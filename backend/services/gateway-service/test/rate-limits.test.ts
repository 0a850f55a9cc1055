import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { auth, type Gateway, gatewayDeps } from './harness.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const LIMITS = { windowMs: 60_000, addressMax: 12, max: 6, answersMax: 3, tokenMax: 2 };
const HOME = '203.0.113.7';

describe('rate limits', () => {
  let stubs: UpstreamStubs;
  let gateway: Gateway;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    [alice, bob] = await Promise.all([auth.bearer('alice', ['player']), auth.bearer('bob', ['player'])]);
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

  const request = (method: 'GET' | 'POST', url: string, authorization: string, remoteAddress = HOME) =>
    gateway.inject({
      method,
      url,
      remoteAddress,
      headers: { authorization },
      ...(method === 'POST' ? { payload: { answer: 'x' } } : {}),
    });
  const answer = (authorization: string) => request('POST', '/api/v1/games/g1/answers', authorization);
  const look = (authorization: string) => request('GET', '/api/v1/games/g1', authorization);

  async function statuses(count: number, send: () => Promise<{ statusCode: number }>): Promise<number[]> {
    const seen = [];
    for (let index = 0; index < count; index += 1) seen.push((await send()).statusCode);
    return seen;
  }

  it('gives each player behind one address a limit of their own', async () => {
    expect(await statuses(4, () => answer(alice))).toEqual([200, 200, 200, 429]);
    expect(await statuses(4, () => answer(bob))).toEqual([200, 200, 200, 429]);
  });

  it('counts answers only against the answers limit, and other requests only against the general one', async () => {
    expect(await statuses(5, () => look(alice))).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(4, () => answer(alice))).toEqual([200, 200, 200, 429]);
    expect(await statuses(2, () => look(alice))).toEqual([200, 429]);
  });

  it('refuses a flood of bad tokens from one address with 429 and Retry-After, before authentication', async () => {
    const badToken = () => request('GET', '/api/v1/games/g1', 'Bearer not.a.token');
    expect(new Set(await statuses(LIMITS.addressMax, badToken))).toEqual(new Set([401]));

    const limited = await badToken();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request('GET', '/api/v1/themes', '')).statusCode).toBe(429);
    expect((await look(alice)).statusCode).toBe(429);
    expect((await request('GET', '/api/v1/games/g1', 'Bearer not.a.token', '198.51.100.1')).statusCode).toBe(
      401,
    );
  });

  it('counts an IPv6 /64 as one address', async () => {
    const from = (address: string) => request('GET', '/api/v1/games/g1', 'Bearer not.a.token', address);
    for (let index = 1; index <= LIMITS.addressMax; index += 1) {
      expect((await from(`2001:db8::${index.toString(16)}`)).statusCode).toBe(401);
    }
    expect((await from('2001:db8::ffff:1')).statusCode).toBe(429);
    expect((await from('2001:db8:0:1::1')).statusCode).toBe(401);
  });
});
