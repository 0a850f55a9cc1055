import { EnvReader, readRedisConfig } from '@know-foolery/shared/config';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient, type RedisConnection } from '@know-foolery/shared/redis';
import type { Row } from '../report.js';
import { IN_FLIGHT, pairedRates, ROUNDS } from './paired-rates.js';

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
    const {
      raw: rawRate,
      measured: moduleRate,
      ratio,
    } = await pairedRates(durationSeconds * 1000, viaRaw, viaModule);
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
