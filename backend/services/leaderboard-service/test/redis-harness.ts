import type { Database } from '@know-foolery/shared/database';
import { createMetricsRegistry, type MetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import { testRedisConfig } from '@know-foolery/shared/testing';
import type { Clock } from '@know-foolery/shared/utils';
import { pino } from 'pino';
import { RedisBoardStore } from '../src/data/redis-boards.js';
import type { LeaderboardDatabase } from '../src/data/schema.js';
import { CachedBoards } from '../src/use-cases/cached-boards.js';

export const REFRESH_MS = 60 * 60 * 1000;

/** One instance's view of the boards in Redis: its own client, metrics and in-process state. */
export interface CachedInstance {
  readonly redis: RedisClient;
  readonly boards: CachedBoards;
  readonly metrics: MetricsRegistry;
  close(): Promise<void>;
}

export async function cachedInstance(
  database: Database<LeaderboardDatabase>,
  clock: Clock,
  redisUrl: string,
  keyPrefix: string,
): Promise<CachedInstance> {
  const metrics = createMetricsRegistry();
  const redis = new RedisClient({ config: testRedisConfig({ keyPrefix }), url: redisUrl, metrics });
  await redis.connect();
  const boards = new CachedBoards({
    database,
    store: new RedisBoardStore(redis),
    clock,
    refreshMs: REFRESH_MS,
    metrics,
    log: pino({ level: 'silent' }),
  });
  return { redis, boards, metrics, close: () => redis.close() };
}

/** The value of one series of a counter, 0 when it was never counted. */
export async function counted(
  metrics: MetricsRegistry,
  name: string,
  labels: Readonly<Record<string, string>>,
): Promise<number> {
  const metric = (await metrics.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  const matches = (metric?.values ?? []).filter((value) =>
    Object.entries(labels).every(([key, expected]) => value.labels[key] === expected),
  );
  return matches.reduce((sum, value) => sum + value.value, 0);
}

/** A small seeded generator (mulberry32), so a failing random board can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
