import { EnvReader, readRedisConfig } from '@know-foolery/shared/config';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient, type RedisConnection } from '@know-foolery/shared/redis';
import type { Row } from '../report.js';

const IN_FLIGHT = 50;
const ROUNDS = 10;

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** GET/SET pairs per second over `durationMs`, `IN_FLIGHT` at a time, through `pair`. */
async function pairsPerSecond(
  durationMs: number,
  pair: (index: number) => Promise<unknown>,
): Promise<number> {
  const deadline = performance.now() + durationMs;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, worker) => {
      for (let index = worker; performance.now() < deadline; index += IN_FLIGHT) {
        await pair(index);
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/**
 * The Redis module's GET/SET (through its breaker and metrics) against raw ioredis calls on the
 * module's own connection, in the same run: the ratio is what the module costs. Short alternating
 * rounds, each module round compared with the raw round just before it, and the median of those
 * ratios: on a busy machine a neighbour's burst then spoils one round, not the result.
 */
export async function redisRows(url: string, durationSeconds: number): Promise<Row[]> {
  const config = readRedisConfig(
    new EnvReader({ REDIS_URL: url, REDIS_KEY_PREFIX: `kf-bench-${process.pid}:` }),
  );
  const redis = new RedisClient({ config, url, metrics: createMetricsRegistry() });
  await redis.connect();
  try {
    const raw: RedisConnection = await redis.run('bench', async (connection) => connection);
    const keyOf = (index: number) => `key:${index % 1_000}`;
    const viaModule = (index: number) =>
      redis
        .run('set', (connection) => connection.set(keyOf(index), 'value', 'EX', 60))
        .then(() => redis.run('get', (connection) => connection.get(keyOf(index))));
    const viaRaw = (index: number) =>
      raw.set(keyOf(index), 'value', 'EX', 60).then(() => raw.get(keyOf(index)));
    const roundMs = (durationSeconds * 1000) / (2 * ROUNDS);
    const rawRates: number[] = [];
    const moduleRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rawRates.push(await pairsPerSecond(roundMs, viaRaw));
      moduleRates.push(await pairsPerSecond(roundMs, viaModule));
    }
    const ratio = median(moduleRates.map((rate, round) => rate / (rawRates[round] ?? rate)));
    const rawRate = median(rawRates);
    const moduleRate = median(moduleRates);
    const keys = Array.from({ length: 1_000 }, (_, index) => keyOf(index));
    await redis.run('del', (connection) => connection.del(...keys));
    return [
      {
        scenario: 'Redis GET+SET pairs, raw ioredis',
        requestsPerSecond: rawRate,
        note: `${IN_FLIGHT} in flight`,
      },
      {
        scenario: 'Redis GET+SET pairs, shared Redis module (breaker + metrics)',
        requestsPerSecond: moduleRate,
        baseline: 'raw ioredis',
        ratio,
        note: `${IN_FLIGHT} in flight; median of ${ROUNDS} paired rounds; goal ≥ 90%`,
      },
    ];
  } finally {
    await redis.close();
  }
}
