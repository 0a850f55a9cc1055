import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../src/observability/index.js';
import { RedisClient } from '../src/redis/index.js';
import { freePort } from '../src/testing/free-port.js';
import { redisServerInstalled, testRedisConfig } from '../src/testing/redis.js';
import { RedisProcesses, waitFor } from '../src/testing/redis-processes.js';
import { sleep } from '../src/utils/index.js';

const canStartServers = await redisServerInstalled();
const MASTER = 'kf-test-primary';

/** Fields of `SENTINEL MASTER`, which redis-cli prints one per line, name then value. */
async function sentinelView(processes: RedisProcesses, port: number): Promise<Map<string, string>> {
  const lines = (await processes.cli(port, 'SENTINEL', 'MASTER', MASTER)).split('\n');
  const fields = new Map<string, string>();
  for (let index = 0; index + 1 < lines.length; index += 2)
    fields.set(lines[index] ?? '', lines[index + 1] ?? '');
  return fields;
}

describe.skipIf(!canStartServers)('Redis sentinel failover, for real', () => {
  const processes = new RedisProcesses();
  const ports = { primary: 0, replica: 0, sentinels: [0, 0, 0] };
  let redis: RedisClient;

  beforeAll(async () => {
    ports.primary = await freePort();
    ports.replica = await freePort();
    ports.sentinels = [await freePort(), await freePort(), await freePort()];
    await processes.startServer(ports.primary);
    await processes.startServer(ports.replica, ['--replicaof', '127.0.0.1', String(ports.primary)]);
    await waitFor('the replica to sync', async () => {
      return (await processes.info(ports.replica, 'replication', 'master_link_status')) === 'up';
    });
    await Promise.all(ports.sentinels.map((port) => processes.startSentinel(port, MASTER, ports.primary)));
    await waitFor('the sentinels to find each other and the replica', async () => {
      const views = await Promise.all(ports.sentinels.map((port) => sentinelView(processes, port)));
      return views.every((view) => view.get('num-other-sentinels') === '2' && view.get('num-slaves') === '1');
    });
    redis = new RedisClient({
      config: testRedisConfig({
        mode: 'sentinel',
        sentinels: ports.sentinels.map((port) => ({ host: '127.0.0.1', port })),
        sentinelMaster: MASTER,
      }),
      url: 'redis://127.0.0.1',
      metrics: createMetricsRegistry(),
    });
    await redis.connect();
  });

  afterAll(async () => {
    await redis?.close();
    await processes.stopAll();
  });

  it('recovers writes after the primary is killed and loses no write a replica acknowledged', async () => {
    const acknowledged = new Map<string, string>();
    let failed = 0;
    let killedAt = 0;
    let recoveredAt = 0;
    // Sentinels elect a new primary in about 3 s on a quiet machine; far more when the CPUs are busy.
    const deadline = performance.now() + 60_000;
    for (let index = 0; performance.now() < deadline; index++) {
      if (index === 50) {
        processes.kill(ports.primary);
        killedAt = performance.now();
      }
      const key = `write:${index}`;
      try {
        await redis.run('set', (connection) => connection.set(key, String(index)));
        const replicas = await redis.run('wait', (connection) => connection.wait(1, 200));
        if (replicas >= 1) acknowledged.set(key, String(index));
        if (killedAt > 0 && recoveredAt === 0) recoveredAt = performance.now();
      } catch {
        failed++;
      }
      if (recoveredAt > 0 && performance.now() - recoveredAt > 1_000) break;
      await sleep(20);
    }
    expect(recoveredAt).toBeGreaterThan(0);
    const keys = [...acknowledged.keys()];
    const values = await redis.run('mget', (connection) => connection.mget(...keys));
    const lost = keys.filter((key, index) => values[index] !== acknowledged.get(key));
    const failoverMs = Math.round(recoveredAt - killedAt);
    console.info(
      `sentinel failover: writes again ${failoverMs} ms after SIGKILL of the primary; ` +
        `${failed} failed commands; ${acknowledged.size} writes acknowledged by WAIT 1, ${lost.length} lost`,
    );
    expect(lost).toEqual([]);
    expect(acknowledged.size).toBeGreaterThanOrEqual(50);
    expect(await redis.health()).toMatchObject({ mode: 'sentinel', role: 'master' });
  }, 90_000);
});
