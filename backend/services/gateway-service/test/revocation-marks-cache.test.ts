import {
  REVOCATION_MARKS_CACHE,
  revocationMarkTag,
  revocationMarkValues,
} from '@know-foolery/session-service/contract';
import { createServiceTokenSource } from '@know-foolery/shared/auth';
import { createCache } from '@know-foolery/shared/cache';
import type { ServiceClient } from '@know-foolery/shared/http-client';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import {
  deleteKeys,
  findTestRedis,
  metricSum,
  testKeyPrefix,
  testRedisConfig,
  waitFor,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { cachedRevocationMarks } from '../src/clients/cached-revocation-marks.js';
import { httpSessionDirectory } from '../src/clients/session-client.js';
import { auth, type Gateway, gatewayDeps } from './harness.js';
import { type SessionServiceStub, sessionServiceClient, startSessionServiceStub } from './session-stub.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const url = await findTestRedis();

/** A process's cache of marks on the test Redis, as the gateway and session-service each open one. */
async function openMarksCache(serverUrl: string, keyPrefix: string) {
  const metrics = createMetricsRegistry();
  const redis = new RedisClient({ config: testRedisConfig({ keyPrefix }), url: serverUrl, metrics });
  await redis.connect();
  const cache = createCache({ name: REVOCATION_MARKS_CACHE, redis: { client: redis, keyPrefix }, metrics });
  return {
    cache,
    metrics,
    close: async () => {
      await cache.close();
      await redis.close();
    },
  };
}

function issuer() {
  if (auth.issuer === null) throw new Error('the test auth cannot issue tokens');
  return auth.issuer;
}

describe.skipIf(url === null)('revocation marks cached at the gateway, on Redis', () => {
  const serverUrl = url ?? '';
  const keyPrefix = testKeyPrefix('gateway-revocation-marks');
  let stubs: UpstreamStubs;
  let sessionService: SessionServiceStub;
  let client: ServiceClient;
  let gatewaySide: Awaited<ReturnType<typeof openMarksCache>>;
  let sessionSide: Awaited<ReturnType<typeof openMarksCache>>;
  let gateway: Gateway;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    sessionService = await startSessionServiceStub();
    client = sessionServiceClient(sessionService.url);
    gatewaySide = await openMarksCache(serverUrl, keyPrefix);
    sessionSide = await openMarksCache(serverUrl, keyPrefix);
    const sessions = httpSessionDirectory(client, createServiceTokenSource(issuer(), 'gateway'));
    gateway = buildApp({
      ...gatewayDeps({ ...stubs, urls: { ...stubs.urls, session: sessionService.url } }),
      sessions: cachedRevocationMarks(sessions, gatewaySide.cache),
    });
    // session-service defines the kind to invalidate it (AnnouncedTokenRevocations).
    sessionSide.cache.define(revocationMarkValues);
    await gateway.ready();
    await Promise.all([gatewaySide.cache.ready(), sessionSide.cache.ready()]);
  });

  afterAll(async () => {
    await gateway.close();
    await client.close();
    await gatewaySide.close();
    await sessionSide.close();
    await sessionService.close();
    await stubs.close();
    await deleteKeys(serverUrl, keyPrefix);
  });

  const lookups = (user: string) =>
    sessionService.seen.filter((request) => request.url === `/internal/v1/revocations/${user}`).length;
  const me = async (bearer: string) =>
    (await gateway.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: bearer } }))
      .statusCode;

  const remoteInvalidations = () =>
    metricSum(gatewaySide.metrics, 'cache_invalidations_total', { origin: 'remote' });

  /** What session-service does after writing a mark: the gateways' copies are invalidated. */
  const revoke = async (user: string, at: Date) => {
    sessionService.revocations.set(user, at);
    await sessionSide.cache.invalidateTags([revocationMarkTag(user)]);
  };

  it('asks session-service once for a user’s many bearer requests', async () => {
    const bearer = await auth.bearer('hana', ['player']);
    expect([await me(bearer), await me(bearer), await me(bearer)]).toEqual([200, 200, 200]);
    expect(lookups('hana')).toBe(1);
    expect(await me(await auth.bearer('ivan', ['player']))).toBe(200);
    expect(lookups('ivan')).toBe(1);
  });

  it('refuses a token once session-service announces its user’s new mark, and asks again for that user only', async () => {
    const [jon, kim] = [await auth.bearer('jon', ['player']), await auth.bearer('kim', ['player'])];
    expect([await me(jon), await me(kim)]).toEqual([200, 200]);
    const heard = await remoteInvalidations();
    await revoke('jon', new Date(Date.now() + 1_000));
    await waitFor(
      'the gateway to hear of the mark',
      async () => (await remoteInvalidations()) > heard,
      5_000,
    );
    expect([await me(jon), await me(jon), await me(kim)]).toEqual([401, 401, 200]);
    expect([lookups('jon'), lookups('kim')]).toEqual([2, 1]);
  });

  it('does not keep a failed lookup: the token passes while session-service is down, the mark counts once it is back', async () => {
    const bearer = await auth.bearer('lea', ['player']);
    sessionService.revocations.set('lea', new Date(Date.now() + 1_000));
    sessionService.storeDown = true;
    try {
      expect(await me(bearer)).toBe(200);
    } finally {
      sessionService.storeDown = false;
    }
    expect(await me(bearer)).toBe(401);
    expect(lookups('lea')).toBe(2);
  });
});
