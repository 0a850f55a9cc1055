import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { leaderboardRows } from './leaderboard-redis-vs-sql.js';
import { REPOSITORY_ROOT, startPlatform } from './platform.js';
import { createPlayers } from './players.js';
import { removePlatformKeys } from './redis-keys.js';
import { type Row, renderTable, saveResults, withCpuRatios } from './report.js';
import { cacheRows } from './scenarios/cache.js';
import { measureGameLoop, measureGameLoopAtRate } from './scenarios/game-loop.js';
import { healthRows, loadRow, measureBaseline } from './scenarios/health.js';
import { importRows } from './scenarios/import.js';
import { measureDraws } from './scenarios/next-question.js';
import { redisRows } from './scenarios/redis.js';
import { DATA_SET, seedQuestions, syntheticBank } from './seed.js';

const { values: options } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'skip-postgres': { type: 'boolean', default: false },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    'skip-redis': { type: 'boolean', default: false },
    save: { type: 'boolean', default: false },
    only: { type: 'string' },
    'platform-root': { type: 'string' },
  },
});

const GROUPS = [
  'health',
  'sqlite',
  'postgres',
  'postgres-redis',
  'draws',
  'import',
  'redis',
  'cache',
  'leaderboard',
] as const;
type Group = (typeof GROUPS)[number];

/** `--only sqlite,postgres` runs those groups of rows (and the baseline); every group otherwise. */
function selectedGroups(raw: string | undefined): ReadonlySet<Group> {
  if (raw === undefined) return new Set(GROUPS);
  const known: readonly string[] = GROUPS;
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new Error(`--only: unknown group(s) ${unknown.join(', ')}; known: ${GROUPS.join(', ')}`);
  return new Set(GROUPS.filter((group) => names.includes(group)));
}

function positiveInteger(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return value;
}

const shape = {
  durationSeconds: positiveInteger('duration', options.duration),
  connections: positiveInteger('connections', options.connections),
};
const groups = selectedGroups(options.only);
/** The checkout whose platform the game loop runs on: this one, or another built one to compare with. */
const platformRoot = options['platform-root'];
const TAIL_WARM_UP_SECONDS = 3;
const HIGH_LIMITS = {
  RATE_LIMIT_ADDRESS_MAX: '100000000',
  RATE_LIMIT_MAX: '100000000',
  RATE_LIMIT_ANSWERS_MAX: '100000000',
  RATE_LIMIT_TOKEN_MAX: '100000000',
};

async function withPostgresDatabase<T>(serverUrl: string, use: (url: string) => Promise<T>): Promise<T> {
  const name = `kf_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await use(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** The game loop at full speed, then at half that rate to read the tail latency of an open model. */
async function gameLoopRows(
  dialect: string,
  databaseUrl: string | undefined,
  portBase: number,
  baseline: Row,
  redisEnv: Readonly<Record<string, string>> = {},
): Promise<Row[]> {
  const slug = dialect.replace(/\W+/g, '-');
  const workDirectory = mkdtempSync(join(tmpdir(), `kf-bench-${slug}-`));
  try {
    await seedQuestions(DATA_SET, workDirectory, databaseUrl, platformRoot);
    const platform = await startPlatform({
      portBase,
      workDirectory,
      env: { ...HIGH_LIMITS, ...redisEnv },
      ...(databaseUrl === undefined ? {} : { databaseUrl }),
      ...(platformRoot === undefined ? {} : { repositoryRoot: platformRoot }),
    });
    try {
      const players = await createPlayers(platform.gatewayUrl, shape.connections * 2, `bench-${slug}`);
      const maximum = await measureGameLoop(
        platform.gatewayUrl,
        players.slice(0, shape.connections),
        shape,
        platform,
      );
      const halfRate = Math.max(1, Math.round(maximum.requestsPerSecond / 2));
      const tail = await measureGameLoopAtRate(
        platform.gatewayUrl,
        players.slice(shape.connections),
        {
          rate: halfRate,
          durationSeconds: shape.durationSeconds,
          warmUpSeconds: TAIL_WARM_UP_SECONDS,
        },
        platform,
      );
      const reference = { name: 'bare node http', result: baselineResult(baseline) };
      return [
        loadRow(`game loop via gateway, ${dialect} (max)`, maximum, reference),
        {
          ...loadRow(`game loop via gateway, ${dialect} at ${halfRate} req/s`, tail),
          note: `open model, half of max, after ${TAIL_WARM_UP_SECONDS} s of warm-up`,
        },
      ];
    } finally {
      await platform.stop();
    }
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

/**
 * The loop as deployed: PostgreSQL and Redis (sessions, revocation marks cached at the gateway, the
 * question and leaderboard caches), under a key prefix of its own that is removed afterwards.
 */
async function loopOnPostgresAndRedis(databaseUrl: string, baseline: Row): Promise<Row[]> {
  const keyPrefix = `kf-bench-${Date.now()}:`;
  try {
    return await gameLoopRows('PostgreSQL + Redis', databaseUrl, 3900, baseline, {
      REDIS_URL: options.redis,
      REDIS_KEY_PREFIX: keyPrefix,
    });
  } finally {
    await removePlatformKeys(options.redis, keyPrefix);
  }
}

function baselineResult(row: Row) {
  return {
    requestsPerSecond: row.requestsPerSecond ?? 0,
    p50: 0,
    p99: 0,
    p999: 0,
    errors: 0,
    non2xx: 0,
    total: 0,
  };
}

async function startupAndHealthRows(baseline: Awaited<ReturnType<typeof measureBaseline>>): Promise<Row[]> {
  const platform = await startPlatform({ portBase: 3400, env: HIGH_LIMITS });
  try {
    const memory = platform.residentMemoryMiB();
    const rows: Row[] = [
      {
        scenario: 'start-up: launch to all seven ready (fresh .data)',
        value: platform.readyAfterMs,
        unit: 'ms',
      },
    ];
    for (const [service, mebibytes] of Object.entries(memory).sort()) {
      rows.push({
        scenario: `resident memory: ${service}-service once ready`,
        value: mebibytes,
        unit: 'MiB',
      });
    }
    return [...rows, ...(await healthRows(platform, shape, baseline))];
  } finally {
    await platform.stop();
  }
}

async function nextQuestionRows(): Promise<Row[]> {
  const measure = async (source: string, label: string, portBase: number) => {
    const workDirectory = mkdtempSync(join(tmpdir(), 'kf-bench-draw-'));
    try {
      const importMs = await seedQuestions(source, workDirectory);
      const platform = await startPlatform({ portBase, workDirectory });
      try {
        return { label, importMs, result: await measureDraws(platform.urls.question, shape, platform) };
      } finally {
        await platform.stop();
      }
    } finally {
      rmSync(workDirectory, { recursive: true, force: true });
    }
  };
  const smallBank = syntheticBank(1_000);
  try {
    const small = await measure(smallBank, '1,000 questions', 3500);
    const full = await measure(DATA_SET, 'the whole data set', 3600);
    return [
      { ...loadRow(`next question (draw), ${small.label}`, small.result) },
      {
        ...loadRow(`next question (draw), ${full.label}`, full.result),
        baseline: 'draw p50 with 1,000',
        ratio: full.result.p50 / Math.max(small.result.p50, 0.001),
        note: 'ratio of p50 latency (lower is better)',
      },
      {
        scenario: 'seed command, whole data set, fresh SQLite (parse + import)',
        value: full.importMs,
        unit: 'ms',
      },
    ];
  } finally {
    rmSync(smallBank, { recursive: true, force: true });
  }
}

/** The leaderboard page with 100,000 players, SQL on a fresh SQLite file against the Redis sorted sets. */
async function leaderboardOnSqlite(): Promise<Row[]> {
  const directory = mkdtempSync(join(tmpdir(), 'kf-bench-leaderboard-'));
  try {
    return await leaderboardRows({
      databaseUrl: `sqlite:${join(directory, 'leaderboard.db')}`,
      dialectLabel: 'sqlite',
      redisUrl: options.redis,
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const baseline = await measureBaseline(shape);
  const baselineRow = loadRow('bare node http server (baseline)', baseline);
  const rows: Row[] = groups.has('health') ? [...(await startupAndHealthRows(baseline))] : [baselineRow];
  if (groups.has('sqlite')) rows.push(...(await gameLoopRows('sqlite', undefined, 3700, baselineRow)));
  if (groups.has('postgres') && !options['skip-postgres']) {
    rows.push(
      ...(await withPostgresDatabase(options.postgres, (url) =>
        gameLoopRows('postgres', url, 3800, baselineRow),
      )),
    );
  }
  if (groups.has('postgres-redis') && !options['skip-postgres'] && !options['skip-redis']) {
    rows.push(
      ...(await withPostgresDatabase(options.postgres, (url) => loopOnPostgresAndRedis(url, baselineRow))),
    );
  }
  if (groups.has('draws')) rows.push(...(await nextQuestionRows()));
  if (groups.has('import')) rows.push(...(await importRows(DATA_SET)));
  if (groups.has('redis') && !options['skip-redis']) {
    rows.push(...(await redisRows(options.redis, shape.durationSeconds)));
  }
  if (groups.has('cache') && !options['skip-redis']) {
    rows.push(...(await cacheRows(options.redis, shape.durationSeconds)));
  }
  if (groups.has('leaderboard') && !options['skip-redis']) rows.push(...(await leaderboardOnSqlite()));
  process.stdout.write(
    `load average: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}\n`,
  );
  const table = renderTable(withCpuRatios(rows, baseline.cpuMicrosPerRequest ?? 0));
  process.stdout.write(`${table}\n`);
  if (options.save) {
    const [load1, load5] = loadavg();
    const context = `${shape.connections} connections, ${shape.durationSeconds} s per measurement, Node ${process.version}, load average at the end ${load1?.toFixed(2)} (1 min) ${load5?.toFixed(2)} (5 min). CPU µs/req: user + system CPU of every process of the platform (the launcher and its services; not PostgreSQL, Redis or the load generator) during the measurement, over its requests.`;
    process.stdout.write(`saved to ${saveResults(join(REPOSITORY_ROOT, 'bench/results'), table, context)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
