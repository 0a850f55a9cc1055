import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCache, type PlatformCache } from '@know-foolery/shared/cache';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import {
  createTestDatabase,
  deleteKeys,
  findTestRedis,
  type TestDatabase,
  testKeyPrefix,
  testRedisConfig,
  waitFor,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeed } from '../src/cli/seed-command.js';
import { questionMigrations } from '../src/data/migrations/index.js';
import { QuestionCache } from '../src/data/question-cache.js';
import type { QuestionDatabase } from '../src/data/schema.js';

const url = await findTestRedis();

function capture() {
  let text = '';
  return { output: { isTTY: false, write: (chunk: string) => (text += chunk) }, text: () => text };
}

describe.skipIf(url === null)("the seed command and the running services' caches", () => {
  const serverUrl = url ?? '';
  const keyPrefix = testKeyPrefix('seed-cache');
  const metrics = createMetricsRegistry();
  let database: TestDatabase<QuestionDatabase>;
  let redis: RedisClient;
  let cache: PlatformCache;
  let root: string;

  const seed = async (redisUrl: string) => {
    const stdout = capture();
    const stderr = capture();
    const code = await runSeed(['.'], {
      env: { DATABASE_URL: database.url, NODE_ENV: 'test', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: keyPrefix },
      cwd: root,
      stdout: stdout.output,
      stderr: stderr.output,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };

  beforeAll(async () => {
    database = await createTestDatabase<QuestionDatabase>('sqlite', questionMigrations);
    redis = new RedisClient({ config: testRedisConfig({ keyPrefix }), url: serverUrl, metrics });
    await redis.connect();
    cache = createCache({ name: 'questions', redis: { client: redis, keyPrefix }, metrics });
    root = mkdtempSync(join(tmpdir(), 'kf-seed-cache-'));
    writeFileSync(
      join(root, 'seeded.json'),
      JSON.stringify([{ theme: 'seeded', text: 'Seeded?', answer: 'Yes' }]),
    );
  });

  afterAll(async () => {
    await cache.close();
    await redis.close();
    await database.dispose();
    await deleteKeys(serverUrl, keyPrefix);
    rmSync(root, { recursive: true, force: true });
  });

  it('invalidates them through Redis, as an import through the service does', async () => {
    const running = new QuestionCache(cache);
    await cache.ready();
    expect(await running.themes(database.db)).toEqual([]);
    const { code, stdout } = await seed(serverUrl);
    expect(code).toBe(0);
    expect(stdout).toContain("told the running services' caches through Redis");
    await waitFor('the seeded theme', async () => (await running.themes(database.db)).length === 1, 4_000);
    const invalidations = (await metrics.getMetricsAsJSON()).find(
      (metric) => metric.name === 'cache_invalidations_total',
    );
    const fromTheSeed = invalidations?.values
      .filter((value) => value.labels.origin === 'remote')
      .reduce((sum, value) => sum + value.value, 0);
    expect(fromTheSeed).toBeGreaterThan(0);
  });

  it('still succeeds when Redis cannot be reached, saying the caches catch up by themselves', async () => {
    const { code, stderr } = await seed('redis://127.0.0.1:1');
    expect(code).toBe(0);
    expect(stderr).toContain("could not tell the running services' caches");
  });
});
