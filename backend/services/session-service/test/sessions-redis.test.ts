import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import { findTestRedis, freePort, ManualClock, testRedisConfig, waitFor } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSealer } from '../src/crypto/session-sealer.js';
import { sessionKey, userTag } from '../src/data/redis-session-keys.js';
import { RedisSessionStore } from '../src/data/redis-session-store.js';
import { RedisTokenRevocations } from '../src/data/redis-token-revocations.js';
import { randomKey, sessionHarness } from './harness.js';
import { openTestRedis, type TestRedis } from './redis-store-harness.js';

const url = await findTestRedis();
const FILE = 'session-routes';
const MAX_TOKEN_LIFETIME_SECONDS = 86_400;

/** Now, always: for expiry that Redis enforces with real TTLs. */
class WallClock extends ManualClock {
  override now(): Date {
    return new Date();
  }
}

function redisStorage(redis: TestRedis) {
  return (clock: ManualClock) => ({
    store: new RedisSessionStore({ redis: redis.redis, sealer: new SessionSealer([randomKey('e1')]), clock }),
    revocations: new RedisTokenRevocations({
      redis: redis.redis,
      clock,
      maxTokenLifetimeSeconds: MAX_TOKEN_LIFETIME_SECONDS,
    }),
  });
}

describe.skipIf(url === null)('sessions kept in Redis', () => {
  let redis: TestRedis;
  let harness: ReturnType<typeof sessionHarness>;

  beforeAll(async () => {
    redis = await openTestRedis(url ?? '', FILE);
    harness = sessionHarness({ storage: redisStorage(redis) });
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
    await redis.release();
  });

  const tamperStored = async (userId: string, handle: string, change: (sealed: string) => string) => {
    const key = sessionKey(userTag(userId), handle);
    const sealed = await redis.raw((connection) => connection.hget(key, 'v'));
    await redis.raw((connection) => connection.hset(key, 'v', change(sealed ?? '')));
  };

  it('opens, resolves, lists and signs out everywhere, the revocation mark kept in Redis', async () => {
    const { cookie, body } = await harness.open('alice');
    expect((await harness.resolve(cookie)).json().handle).toBe(body.session.id);
    expect((await harness.call('GET', '/api/v1/sessions', { cookie })).json().items).toHaveLength(1);
    const ready = await harness.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json().checks['session-store']).toEqual({ status: 'up', kind: 'redis' });
    const at = harness.clock.now();
    expect((await harness.call('DELETE', '/api/v1/sessions', { cookie })).json()).toEqual({ revoked: 1 });
    expect((await harness.resolve(cookie)).statusCode).toBe(401);
    expect((await harness.internal('GET', '/internal/v1/revocations/alice')).json()).toEqual({
      tokensIssuedBefore: at.toISOString(),
    });
    expect(await redis.raw((connection) => connection.get('token-revocation:alice'))).toBe(
      String(at.getTime()),
    );
  });

  it.each([
    [
      'a flipped character',
      (sealed: string) => `${sealed.slice(0, -3)}${sealed.at(-3) === 'A' ? 'B' : 'A'}${sealed.slice(-2)}`,
    ],
    ['an unknown key id', (sealed: string) => sealed.replace('.e1.', '.e9.')],
    ['garbage', () => 'not sealed at all'],
  ])('answers a stored session with %s 401, logging its handle and nothing secret', async (_case, change) => {
    harness.clock.advanceSeconds(1);
    const { cookie, body } = await harness.open('bob');
    const handle: string = body.session.id;
    await tamperStored('bob', handle, change);
    harness.logs.length = 0;
    for (const response of [
      await harness.resolve(cookie),
      await harness.call('GET', '/api/v1/sessions/current', { subject: 'bob', cookie }),
      await harness.call('GET', `/api/v1/sessions/${handle}`, { subject: 'bob' }),
      await harness.call('GET', '/api/v1/sessions', { subject: 'bob' }),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('SESSION_INVALID');
    }
    expect(harness.logs).toHaveLength(4);
    for (const line of harness.logs)
      expect(line).toMatchObject({ event: 'session_tampered', part: 'stored' });
    expect(harness.logs.slice(0, 3).map((line) => line.handle)).toEqual([handle, handle, handle]);
    const logged = JSON.stringify(harness.logs);
    expect(logged).not.toContain(cookie.split('.')[0]);
    expect(logged).not.toContain(body.csrfToken);
    // Signing in again on that device is not blocked by the tampered value.
    expect((await harness.open('bob', { cookie })).response.statusCode).toBe(201);
    await harness.call('DELETE', '/api/v1/sessions', { subject: 'bob' });
  });

  it("refuses a stored value moved under another session's key", async () => {
    const first = await harness.open('carol');
    const second = await harness.open('carol');
    const from = sessionKey(userTag('carol'), first.body.session.id);
    const sealed = await redis.raw((connection) => connection.hget(from, 'v'));
    await redis.raw((connection) =>
      connection.hset(sessionKey(userTag('carol'), second.body.session.id), 'v', sealed ?? ''),
    );
    expect((await harness.resolve(second.cookie)).statusCode).toBe(401);
    expect((await harness.resolve(first.cookie)).statusCode).toBe(200);
  });
});

describe.skipIf(url === null)('sessions in Redis with short real TTLs', () => {
  let redis: TestRedis;
  let harness: ReturnType<typeof sessionHarness>;

  beforeAll(async () => {
    redis = await openTestRedis(url ?? '', `${FILE}-ttl`);
    harness = sessionHarness({
      storage: redisStorage(redis),
      clock: new WallClock(),
      policy: { ttlSeconds: 2, maxLifetimeSeconds: 60, maxPerUser: 3 },
    });
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
    await redis.release();
  });

  it('ends an idle session when its key expires in Redis', async () => {
    const { cookie, body } = await harness.open('dave');
    expect((await harness.resolve(cookie)).statusCode).toBe(200);
    const key = sessionKey(userTag('dave'), body.session.id);
    await waitFor(
      'the idle session key to expire',
      async () => (await redis.raw((connection) => connection.exists(key))) === 0,
      10_000,
    );
    const response = await harness.resolve(cookie);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('SESSION_INVALID');
  });
});

describe('sessions when Redis cannot be reached', () => {
  let client: RedisClient;
  let harness: ReturnType<typeof sessionHarness>;

  beforeAll(async () => {
    const port = await freePort();
    client = new RedisClient({
      config: testRedisConfig(),
      url: `redis://127.0.0.1:${port}`,
      metrics: createMetricsRegistry(),
    });
    harness = sessionHarness({
      storage: (clock) => ({
        store: new RedisSessionStore({ redis: client, sealer: new SessionSealer([randomKey('e1')]), clock }),
        revocations: new RedisTokenRevocations({ redis: client, clock, maxTokenLifetimeSeconds: 3_600 }),
      }),
    });
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
    await client.close();
  });

  it('answers every session request 503 problem+json with Retry-After, and is not ready', async () => {
    const signer = harness.deps.signer;
    const cookie = signer.sign('a'.repeat(43));
    for (const response of [
      await harness.resolve(cookie),
      (await harness.open('erin')).response,
      await harness.call('GET', '/api/v1/sessions', { subject: 'erin' }),
      await harness.internal('GET', '/internal/v1/revocations/erin'),
      await harness.call('DELETE', '/api/v1/sessions', { subject: 'erin' }),
    ]) {
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(response.json().code).toBe('REDIS_UNAVAILABLE');
    }
    expect((await harness.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(503);
  });
});
