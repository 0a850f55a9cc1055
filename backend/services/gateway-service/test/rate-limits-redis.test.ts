import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import {
  deleteKeys,
  findTestRedis,
  freePort,
  RedisProcesses,
  redisServerInstalled,
  testKeyPrefix,
  testRedisConfig,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { auth, type Gateway, gatewayDeps } from './harness.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const url = await findTestRedis();
const canStartServers = await redisServerInstalled();
const LIMITS = { windowMs: 60_000, addressMax: 1_000, max: 100, answersMax: 3, tokenMax: 2 };

function redisClient(serverUrl: string, keyPrefix: string): RedisClient {
  return new RedisClient({
    config: testRedisConfig({ keyPrefix }),
    url: serverUrl,
    metrics: createMetricsRegistry(),
  });
}

async function answerStatuses(gateways: readonly Gateway[], authorization: string, count: number) {
  const seen: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const gateway = gateways[index % gateways.length];
    const response = await gateway?.inject({
      method: 'POST',
      url: '/api/v1/games/g1/answers',
      remoteAddress: '203.0.113.7',
      headers: { authorization },
      payload: { answer: 'x' },
    });
    seen.push(response?.statusCode ?? 0);
  }
  return seen;
}

let stubs: UpstreamStubs;

beforeAll(async () => {
  stubs = await startUpstreamStubs();
});

afterAll(async () => {
  await stubs.close();
});

describe.skipIf(url === null)('rate limits counted in Redis', () => {
  const serverUrl = url ?? '';
  const keyPrefix = testKeyPrefix('gateway-rate-limits');
  const clients = [redisClient(serverUrl, keyPrefix), redisClient(serverUrl, keyPrefix)];
  let replicas: Gateway[] = [];

  beforeAll(async () => {
    await Promise.all(clients.map((client) => client.connect()));
    replicas = clients.map((redis) => buildApp({ ...gatewayDeps(stubs, { rateLimit: LIMITS }), redis }));
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await Promise.all(clients.map((client) => client.close()));
    await deleteKeys(serverUrl, keyPrefix);
  });

  it('hold across gateway replicas, in keys that expire with their window', async () => {
    expect(await answerStatuses(replicas, await auth.bearer('carol', ['player']), 4)).toEqual([
      200, 200, 200, 429,
    ]);
    const ttl = await clients[0]?.run('pttl', (connection) =>
      connection.pttl('rate-limit:answers:user:carol'),
    );
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(LIMITS.windowMs);
  });

  it('report Redis in readiness as an optional dependency', async () => {
    const response = await replicas[0]?.inject({ method: 'GET', url: '/health/ready' });
    expect(response?.json()).toMatchObject({ checks: { redis: { status: 'up', mode: 'single' } } });
  });
});

describe.skipIf(!canStartServers)('rate limits when Redis goes away', () => {
  const processes = new RedisProcesses();
  let port = 0;
  let redis: RedisClient;
  let gateway: Gateway;

  beforeAll(async () => {
    port = await freePort();
    await processes.startServer(port);
    redis = redisClient(`redis://127.0.0.1:${port}`, 'kf-test:');
    await redis.connect();
    gateway = buildApp({ ...gatewayDeps(stubs, { rateLimit: LIMITS }), redis });
    await gateway.ready();
  });

  afterAll(async () => {
    await gateway.close();
    await redis.close();
    await processes.stopAll();
  });

  it('fall back to this replica’s memory: the API keeps answering and the limits keep refusing', async () => {
    processes.kill(port);
    const dave = await auth.bearer('dave', ['player']);
    expect(await answerStatuses([gateway], dave, 4)).toEqual([200, 200, 200, 429]);
    const response = await gateway.inject({ method: 'GET', url: '/health/ready' });
    expect(response.json()).toMatchObject({ checks: { redis: { status: 'degraded' } } });
  });
});
