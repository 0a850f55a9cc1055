import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import {
  freePort,
  ManualClock,
  RedisProcesses,
  redisServerInstalled,
  testKeyPrefix,
  testRedisConfig,
  waitFor,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisStore } from './redis-store-harness.js';
import { describeSessionStoreContract } from './session-store-contract.js';
import { testSession } from './session-store-fixtures.js';

const canStartServers = await redisServerInstalled();

/**
 * Three masters, no replicas: enough for users' keys to land on different masters, so a script
 * naming keys of two slots, or a scan of one master only, fails here.
 */
describe.skipIf(!canStartServers)('the Redis session store on a cluster', () => {
  const processes = new RedisProcesses();
  const ports: number[] = [];
  const clients: RedisClient[] = [];

  const clusterClient = async (): Promise<RedisClient> => {
    const redis = new RedisClient({
      config: testRedisConfig({
        mode: 'cluster',
        clusterNodes: ports.map((port) => ({ host: '127.0.0.1', port })),
        keyPrefix: testKeyPrefix('session-cluster'),
      }),
      url: 'redis://127.0.0.1',
      metrics: createMetricsRegistry(),
    });
    clients.push(redis);
    await redis.connect();
    return redis;
  };

  beforeAll(async () => {
    for (let index = 0; index < 3; index++) ports.push(await freePort());
    await Promise.all(
      ports.map((port) =>
        processes.startServer(port, [
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--cluster-node-timeout',
          '1000',
        ]),
      ),
    );
    await processes.cli(
      ports[0] ?? 0,
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-yes',
    );
    await waitFor('every node to see a healthy cluster', async () => {
      for (const port of ports) {
        if (!(await processes.cli(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
      }
      return true;
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await processes.stopAll();
  });

  describeSessionStoreContract('cluster', async (clock) => {
    const redis = await clusterClient();
    return { store: redisStore(redis, clock), release: () => redis.close() };
  });

  it('keeps each user on one slot and prunes indexes on every master', async () => {
    const clock = new ManualClock('2025-03-01T10:00:00.000Z');
    const store = redisStore(await clusterClient(), clock);
    const policy = { ttlSeconds: 60, maxLifetimeSeconds: 600, maxPerUser: 2 };
    const users = Array.from({ length: 30 }, (_, index) => `user-${index}`);
    for (const user of users) {
      for (let index = 0; index < 3; index += 1) {
        await store.add(testSession(user, { now: clock.now(), policy }), policy.maxPerUser);
      }
    }
    const first = await store.listByUser('user-0');
    expect(first).toHaveLength(2);
    const [kept, rotatedAway] = first;
    const next = testSession('user-0', { now: clock.now(), policy });
    expect(await store.rotate(rotatedAway?.handle ?? '', next)).toBe(true);
    expect(await store.remove(kept?.handle ?? '')).toBe(true);
    expect(await store.removeByUser('user-1')).toBe(2);

    const indexesByMaster = await Promise.all(
      ports.map((port) => processes.cli(port, '--scan', '--pattern', '*session:{*}:index')),
    );
    expect(indexesByMaster.filter((found) => found !== '').length).toBeGreaterThan(1);

    clock.advanceSeconds(policy.ttlSeconds);
    // 28 untouched users with 2 sessions each, and user-0's rotated one.
    expect(await store.pruneIndexes()).toBe(28 * 2 + 1);
    expect(await store.pruneIndexes()).toBe(0);
  });
});
