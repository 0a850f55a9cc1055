import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Boards,
  boardKeys,
  CachedBoards,
  currentBoard,
  type LeaderboardDatabase,
  RedisBoardStore,
  SqlBoards,
} from '@know-foolery/leaderboard-service/boards';
import { leaderboardMigrations } from '@know-foolery/leaderboard-service/migrations';
import { EnvReader, readDatabaseConfig, readRedisConfig } from '@know-foolery/shared/config';
import { type Database, openServiceDatabase } from '@know-foolery/shared/database';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import { systemClock } from '@know-foolery/shared/utils';
import { pino } from 'pino';
import { type Row, renderTable } from './report.js';

export interface LeaderboardBenchOptions {
  /** `sqlite:...` or a PostgreSQL database of its own: the scores table is created and filled there. */
  readonly databaseUrl: string;
  /** How the database is named in the rows: `sqlite`, `postgres`. */
  readonly dialectLabel: string;
  readonly redisUrl: string;
  readonly players?: number;
  /** Pages read through SQL: each costs hundreds of milliseconds at 100,000 players. */
  readonly sqlSamples?: number;
  readonly redisSamples?: number;
}

const DEFAULT_PLAYERS = 100_000;
const DEFAULT_SQL_SAMPLES = 200;
const DEFAULT_REDIS_SAMPLES = 2_000;
/** Rows per INSERT: five columns each stay far below SQLite's and PostgreSQL's parameter limits. */
const INSERT_BATCH = 500;

const percentile = (sorted: readonly number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;

/** One score per player, skewed towards low scores so that the board has long runs of ties. */
async function seedScores(database: Database<LeaderboardDatabase>, players: number): Promise<void> {
  const weekStart = Date.parse('2026-11-23T00:00:00.000Z');
  await database.db.transaction().execute(async (trx) => {
    for (let start = 0; start < players; start += INSERT_BATCH) {
      const rows = Array.from({ length: Math.min(INSERT_BATCH, players - start) }, (_, offset) => {
        const player = start + offset;
        return {
          id: `bench-score-${player}`,
          game_id: `bench-game-${player}`,
          user_id: `bench-player-${player}`,
          score: Math.floor(Math.random() ** 2 * 10_000),
          finished_at: new Date(weekStart + Math.floor(Math.random() * 6 * 24 * 60 * 60 * 1000)),
        };
      });
      await trx.insertInto('scores').values(rows).execute();
    }
  });
}

interface Latencies {
  readonly p50: number;
  readonly p99: number;
  readonly perSecond: number;
}

/** What one player's board page costs: the top 10 and their own rank, one page at a time. */
async function measurePages(boards: Boards, players: number, samples: number): Promise<Latencies> {
  const board = currentBoard('all', new Date());
  const page = (player: number) =>
    Promise.all([boards.top(board, 10), boards.standing(board, `bench-player-${player}`)]);
  for (let sample = 0; sample < samples / 10; sample++) await page(Math.floor(Math.random() * players));
  const durations: number[] = [];
  const started = performance.now();
  for (let sample = 0; sample < samples; sample++) {
    const before = performance.now();
    await page(Math.floor(Math.random() * players));
    durations.push(performance.now() - before);
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  return {
    p50: percentile(durations, 0.5),
    p99: percentile(durations, 0.99),
    perSecond: samples / elapsedSeconds,
  };
}

/**
 * The leaderboard page (top 10 and the reader's rank) over `players` players, answered by SQL and
 * by the Redis sorted sets in the same run, one page at a time so the percentiles are each
 * page's own latency; and the time a rebuild of the whole board in Redis takes.
 */
export async function leaderboardRows(options: LeaderboardBenchOptions): Promise<Row[]> {
  const players = options.players ?? DEFAULT_PLAYERS;
  const sqlSamples = options.sqlSamples ?? DEFAULT_SQL_SAMPLES;
  const redisSamples = options.redisSamples ?? DEFAULT_REDIS_SAMPLES;
  const log = pino({ level: 'warn' });
  const database = await openServiceDatabase<LeaderboardDatabase>(
    readDatabaseConfig(
      new EnvReader({ DATABASE_URL: options.databaseUrl, DB_MIGRATE_ON_START: 'true' }),
      'leaderboard',
    ),
    leaderboardMigrations,
    log,
  );
  const metrics = createMetricsRegistry();
  const redisConfig = readRedisConfig(
    new EnvReader({ REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: `kf-bench-leaderboard-${process.pid}:` }),
  );
  const redis = new RedisClient({ config: redisConfig, url: options.redisUrl, metrics });
  try {
    await seedScores(database, players);
    await redis.connect();
    const sql = new SqlBoards(database);
    const cached = new CachedBoards({
      database,
      store: new RedisBoardStore(redis),
      clock: systemClock,
      refreshMs: 60 * 60 * 1000,
      metrics,
      log,
    });
    const rebuildStarted = performance.now();
    await cached.warmUp();
    const rebuildMs = performance.now() - rebuildStarted;

    const fromSql = await measurePages(sql, players, sqlSamples);
    const fromRedis = await measurePages(cached, players, redisSamples);
    const label = `${players.toLocaleString('en-US')} players`;
    return [
      {
        scenario: `Leaderboard top 10 + my rank, ${label}, SQL on ${options.dialectLabel}`,
        requestsPerSecond: fromSql.perSecond,
        p50: fromSql.p50,
        p99: fromSql.p99,
        note: `${sqlSamples} pages, one at a time`,
      },
      {
        scenario: `Leaderboard top 10 + my rank, ${label}, Redis sorted sets`,
        requestsPerSecond: fromRedis.perSecond,
        p50: fromRedis.p50,
        p99: fromRedis.p99,
        baseline: `SQL on ${options.dialectLabel}`,
        ratio: fromRedis.perSecond / fromSql.perSecond,
        note: `${redisSamples} pages, one at a time; p50 ${(fromSql.p50 / fromRedis.p50).toFixed(0)}× lower`,
      },
      {
        scenario: `Leaderboard rebuild in Redis from ${options.dialectLabel}, ${label}`,
        value: rebuildMs,
        unit: 'ms',
        note: 'all-time and this week’s boards, as on start or after Redis lost them',
      },
    ];
  } finally {
    const boards = [currentBoard('all', new Date()), currentBoard('week', new Date())];
    const keys = boards.flatMap((board) => Object.values(boardKeys(board)));
    for (const key of keys)
      await redis.run('del', (connection) => connection.del(key)).catch(() => undefined);
    await redis.close();
    await database.close();
  }
}

/** On its own: `node bench/dist/leaderboard-redis-vs-sql.js [--redis URL] [--players N] [--sql-samples N] [--redis-samples N]`, on SQLite. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
      players: { type: 'string', default: String(DEFAULT_PLAYERS) },
      'sql-samples': { type: 'string', default: String(DEFAULT_SQL_SAMPLES) },
      'redis-samples': { type: 'string', default: String(DEFAULT_REDIS_SAMPLES) },
    },
  });
  const directory = mkdtempSync(join(tmpdir(), 'kf-bench-leaderboard-'));
  try {
    const rows = await leaderboardRows({
      databaseUrl: `sqlite:${join(directory, 'leaderboard.db')}`,
      dialectLabel: 'sqlite',
      redisUrl: values.redis,
      players: Number(values.players),
      sqlSamples: Number(values['sql-samples']),
      redisSamples: Number(values['redis-samples']),
    });
    console.log(renderTable(rows));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  await main();
}
