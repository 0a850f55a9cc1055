import { createCache, type PlatformCache } from '@know-foolery/shared/cache';
import { EnvReader, readRedisConfig } from '@know-foolery/shared/config';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient, type RedisConnection } from '@know-foolery/shared/redis';
import { sleep } from '@know-foolery/shared/utils';
import { Type } from 'typebox';
import { removeBenchKeys } from '../redis-keys.js';
import type { Row } from '../report.js';
import { IN_FLIGHT, pairedRates, ROUNDS } from './paired-rates.js';

const KEYS = 1_000;
const STAMPEDE_CALLERS = 1_000;
const STAMPEDE_LOAD_MS = 20;
/** A small value of the size the services cache (a theme list, a revocation mark). */
const Value = Type.Object({ id: Type.String(), label: Type.String(), count: Type.Number() });
const cachedValue = (index: number) => ({
  id: `value-${index}`,
  label: `a cached value number ${index}`,
  count: index,
});

/**
 * The platform cache (`@know-foolery/shared/cache`) against raw ioredis GETs of the same keys: a
 * hit at the first level (in process), a hit at Redis (the first level holds one value, so a walk
 * over 1,000 keys always goes to Redis), and get-or-load under a stampede of 1,000 concurrent
 * callers of one missing key, where the goal is one load.
 */
export async function cacheRows(url: string, durationSeconds: number): Promise<Row[]> {
  const keyPrefix = `kf-bench-cache-${process.pid}:`;
  const config = readRedisConfig(new EnvReader({ REDIS_URL: url, REDIS_KEY_PREFIX: keyPrefix }));
  const metrics = createMetricsRegistry();
  const redis = new RedisClient({ config, url, metrics });
  await redis.connect();
  const caches: PlatformCache[] = [];
  const open = (firstLevelMaxItems: number) => {
    const cache = createCache({ name: 'bench', redis: { client: redis, keyPrefix }, metrics });
    caches.push(cache);
    return cache.define({
      kind: 'values',
      schema: Value,
      ttlMs: 10 * 60_000,
      graceMs: 0,
      firstLevelTtlMs: 10 * 60_000,
      firstLevelMaxItems,
    });
  };
  try {
    const raw: RedisConnection = await redis.run('bench', async (connection) => connection);
    const keyOf = (index: number) => `key-${index % KEYS}`;
    let loads = 0;
    const request = (index: number) => ({
      tags: [`bench:${index % KEYS}`],
      load: async () => {
        loads += 1;
        return cachedValue(index % KEYS);
      },
    });
    const firstLevel = open(KEYS * 2);
    const secondLevel = open(1);
    for (let index = 0; index < KEYS; index++) await firstLevel.getOrLoad(keyOf(index), request(index));
    await Promise.all(
      Array.from({ length: KEYS }, (_, index) =>
        raw.set(`raw:${keyOf(index)}`, JSON.stringify(cachedValue(index)), 'EX', 600),
      ),
    );
    const rawGet = (index: number) =>
      raw.get(`raw:${keyOf(index)}`).then((text) => (text === null ? null : JSON.parse(text)));
    const loadsBefore = loads;
    const hitInMemory = await pairedRates(durationSeconds * 1000, rawGet, (index) =>
      firstLevel.getOrLoad(keyOf(index), request(index)),
    );
    const hitAtRedis = await pairedRates(durationSeconds * 1000, rawGet, (index) =>
      secondLevel.getOrLoad(keyOf(index), request(index)),
    );
    const loadsDuringHits = loads - loadsBefore;

    const stampede = open(10);
    let stampedeLoads = 0;
    const stampedeStarted = performance.now();
    await Promise.all(
      Array.from({ length: STAMPEDE_CALLERS }, () =>
        stampede.getOrLoad('stampede', {
          tags: ['bench:stampede'],
          load: async () => {
            stampedeLoads += 1;
            await sleep(STAMPEDE_LOAD_MS);
            return cachedValue(-1);
          },
        }),
      ),
    );
    const stampedeMs = performance.now() - stampedeStarted;
    const hitNote = `${IN_FLIGHT} in flight; median of ${ROUNDS} paired rounds; loads during hits: ${loadsDuringHits}`;
    return [
      {
        scenario: 'Redis GET + JSON.parse, raw ioredis',
        requestsPerSecond: hitAtRedis.raw,
        note: `${IN_FLIGHT} in flight`,
      },
      {
        scenario: 'platform cache get, hit at the first level (in process)',
        requestsPerSecond: hitInMemory.measured,
        baseline: 'raw ioredis GET',
        ratio: hitInMemory.ratio,
        note: hitNote,
      },
      {
        scenario: 'platform cache get, hit at Redis (first level missed)',
        requestsPerSecond: hitAtRedis.measured,
        baseline: 'raw ioredis GET',
        ratio: hitAtRedis.ratio,
        note: `${hitNote}; checked against the schema`,
      },
      {
        scenario: `platform cache get-or-load, stampede of ${STAMPEDE_CALLERS.toLocaleString('en-US')} callers on one missing key`,
        value: stampedeLoads,
        unit: 'loads',
        note: `goal 1 ${stampedeLoads === 1 ? '✔' : '✘'}; all answered in ${stampedeMs.toFixed(0)} ms (a load takes ${STAMPEDE_LOAD_MS} ms)`,
      },
    ];
  } finally {
    await Promise.all(caches.map((cache) => cache.close()));
    await removeBenchKeys(redis, keyPrefix);
    await redis.close();
  }
}
