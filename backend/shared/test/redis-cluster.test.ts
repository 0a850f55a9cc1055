import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../src/observability/index.js';
import { RedisClient, taggedKey } from '../src/redis/index.js';
import { freePort } from '../src/testing/free-port.js';
import { redisServerInstalled, testRedisConfig } from '../src/testing/redis.js';
import { RedisProcesses, waitFor } from '../src/testing/redis-processes.js';
import { sleep } from '../src/utils/index.js';

const canStartServers = await redisServerInstalled();
const KEY_PREFIX = 'kf-test:';

interface ClusterNode {
  readonly port: number;
  readonly master: boolean;
  /** Slot ranges a master serves, as `CLUSTER NODES` lists them (`0-5460`). */
  readonly slots: readonly string[];
}

async function clusterNodes(processes: RedisProcesses, port: number): Promise<ClusterNode[]> {
  const output = await processes.cli(port, 'CLUSTER', 'NODES');
  return output.split('\n').map((line) => {
    const [, address = '', flags = '', , , , , , ...slots] = line.split(' ');
    return { port: Number(address.split('@')[0]?.split(':')[1]), master: flags.includes('master'), slots };
  });
}

const servesSlot = (node: ClusterNode, slot: number) =>
  node.slots.some((range) => {
    const [from = '', to = from] = range.split('-');
    return slot >= Number(from) && slot <= Number(to);
  });

describe.skipIf(!canStartServers)('a six-node Redis cluster, for real', () => {
  const processes = new RedisProcesses();
  const ports: number[] = [];
  let redis: RedisClient;

  beforeAll(async () => {
    for (let index = 0; index < 6; index++) ports.push(await freePort());
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
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    );
    await waitFor('every node to see a healthy cluster with synced replicas', async () => {
      for (const port of ports) {
        if ((await processes.info(port, 'cluster', 'cluster_enabled')) !== '1') return false;
        if (!(await processes.cli(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
        const role = await processes.info(port, 'replication', 'role');
        if (role === 'slave' && (await processes.info(port, 'replication', 'master_link_status')) !== 'up')
          return false;
      }
      return true;
    });
    redis = new RedisClient({
      config: testRedisConfig({
        mode: 'cluster',
        clusterNodes: ports.map((port) => ({ host: '127.0.0.1', port })),
        keyPrefix: KEY_PREFIX,
      }),
      url: 'redis://127.0.0.1',
      metrics: createMetricsRegistry(),
    });
    await redis.connect();
  }, 60_000);

  afterAll(async () => {
    await redis?.close();
    await processes.stopAll();
  });

  it('serves keys across every master, and multi-key commands on one hash tag', async () => {
    const keys = Array.from({ length: 200 }, (_, index) => `spread:${index}`);
    await Promise.all(keys.map((key) => redis.run('set', (connection) => connection.set(key, key))));
    const values = await Promise.all(
      keys.map((key) => redis.run('get', (connection) => connection.get(key))),
    );
    expect(values).toEqual(keys);
    const slots = await Promise.all(
      keys.map(async (key) =>
        Number(await processes.cli(ports[0] ?? 0, 'CLUSTER', 'KEYSLOT', `${KEY_PREFIX}${key}`)),
      ),
    );
    const masters = (await clusterNodes(processes, ports[0] ?? 0)).filter((node) => node.master);
    expect(masters.every((master) => slots.some((slot) => servesSlot(master, slot)))).toBe(true);

    const tagged = [taggedKey('game:1', 'a'), taggedKey('game:1', 'b')];
    await redis.run('multi', (connection) =>
      connection
        .multi()
        .set(tagged[0] ?? '', '1')
        .set(tagged[1] ?? '', '2')
        .exec(),
    );
    expect(await redis.run('mget', (connection) => connection.mget(...tagged))).toEqual(['1', '2']);
    await expect(
      redis.run('mget', (connection) => connection.mget('untagged:a', 'untagged:b')),
    ).rejects.toThrow(/CROSSSLOT|same slot/);
  });

  it('keeps writing after a master is killed and its replica takes over', async () => {
    const key = 'failover:probe';
    const slot = Number(await processes.cli(ports[0] ?? 0, 'CLUSTER', 'KEYSLOT', `${KEY_PREFIX}${key}`));
    const owner = (await clusterNodes(processes, ports[0] ?? 0)).find(
      (node) => node.master && servesSlot(node, slot),
    );
    expect(owner).toBeDefined();
    await redis.run('set', (connection) => connection.set(key, 'before'));

    processes.kill(owner?.port ?? 0);
    const killedAt = performance.now();
    let failed = 0;
    let recoveredAt = 0;
    for (let index = 0; performance.now() - killedAt < 30_000; index++) {
      try {
        await redis.run('set', (connection) => connection.set(key, String(index)));
        recoveredAt = performance.now();
        break;
      } catch {
        failed++;
        await sleep(50);
      }
    }
    console.info(
      `cluster failover: writes to the killed master's slot again ${Math.round(recoveredAt - killedAt)} ms ` +
        `after SIGKILL; ${failed} failed commands`,
    );
    expect(recoveredAt).toBeGreaterThan(0);
    expect(await redis.health()).toMatchObject({ mode: 'cluster', role: 'cluster' });
  }, 60_000);
});
