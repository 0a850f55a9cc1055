import { startTcpRelay, type TcpRelay } from '@know-foolery/shared/fault-injection';
import {
  deleteKeys,
  findTestRedis,
  redisCli,
  testDialects,
  testKeyPrefix,
  waitFor,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../src/api/client.js';
import { ApiClient } from '../src/http.js';
import { QUICK_REDIS_RECOVERY, type RunningPlatform, startPlatform } from '../src/platform.js';
import { Player } from '../src/public-api.js';

interface Readiness {
  status: string;
  checks: Record<string, { status: string }>;
}

const redisUrl = await findTestRedis();

/** Every hit the rate limits have counted in Redis under `prefix`, over all their keys. */
async function countedInRedis(url: string, prefix: string): Promise<number> {
  const keys = (await redisCli(url, '--scan', '--pattern', `${prefix}rate-limit:*`))
    .split('\n')
    .filter((key) => key !== '');
  let total = 0;
  for (const key of keys) total += Number(await redisCli(url, 'GET', key));
  return total;
}

/** `url` with its host and port replaced by the relay's, keeping the credentials and database. */
function throughRelay(url: string, relay: TcpRelay): string {
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(relay.port);
  return relayed.toString();
}

describe.skipIf(redisUrl === null).each(testDialects())(
  'the gateway while its Redis goes away and comes back, on %s',
  (dialect) => {
    const url = redisUrl ?? '';
    const keyPrefix = testKeyPrefix('e2e-redis-outage');
    let relay: TcpRelay;
    let platform: RunningPlatform;
    let gateway: ApiClient;
    let player: Player;

    const readiness = async () => (await gateway.get<Readiness>('/health/ready')).body;
    const playOneRound = async () => {
      ok(await player.api.GET('/api/v1/themes'));
      ok(await player.api.GET('/api/v1/me'));
    };

    beforeAll(async () => {
      const server = new URL(url);
      relay = await startTcpRelay({ host: server.hostname, port: Number(server.port || 6379) });
      platform = await startPlatform({
        dialect,
        serviceEnv: {
          gateway: {
            REDIS_URL: throughRelay(url, relay),
            REDIS_KEY_PREFIX: keyPrefix,
            ...QUICK_REDIS_RECOVERY,
          },
        },
      });
      gateway = new ApiClient(platform.gatewayUrl);
      await waitFor('the gateway to reach Redis', async () => (await readiness()).status === 'ready');
      player = await Player.signIn(platform.gatewayUrl, 'e2e-redis-outage', 'Rhea');
    });

    afterAll(async () => {
      await platform?.stop();
      await relay?.close();
      await deleteKeys(url, keyPrefix);
    });

    it('counts in Redis, keeps answering on its memory while Redis is cut off, and returns to Redis', async () => {
      await playOneRound();
      const beforeOutage = await countedInRedis(url, keyPrefix);
      expect(beforeOutage).toBeGreaterThan(0);

      await relay.cut();
      for (let round = 0; round < 5; round += 1) await playOneRound();
      const cutOff = await gateway.get<Readiness>('/health/ready');
      expect(cutOff.status).toBe(200);
      expect(cutOff.body).toMatchObject({ status: 'degraded', checks: { redis: { status: 'degraded' } } });
      expect(await countedInRedis(url, keyPrefix)).toBe(beforeOutage);

      await relay.restore();
      await waitFor('readiness without Redis degraded', async () => (await readiness()).status === 'ready');
      await waitFor('hits counted in Redis again', async () => {
        await playOneRound();
        return (await countedInRedis(url, keyPrefix)) > beforeOutage;
      });
      expect((await readiness()).checks.redis?.status).toBe('up');
    });
  },
);
