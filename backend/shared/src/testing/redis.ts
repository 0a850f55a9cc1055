import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { RedisConfig } from '../config/index.js';
import { describeRedisUrl } from '../config/index.js';

const run = promisify(execFile);

/** The server every Redis test file shares, unless `TEST_REDIS_URL` names another. */
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

/** One redis-cli command against `url`; its output, trimmed. */
export async function redisCli(url: string, ...command: readonly string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-u', url, ...command], { timeout: 5_000 });
  return stdout.trim();
}

async function answersPing(url: string): Promise<boolean> {
  try {
    return (await redisCli(url, 'PING')) === 'PONG';
  } catch {
    return false;
  }
}

/**
 * The Redis a test file uses: `TEST_REDIS_URL`, else the local server. Null when there is none,
 * said loudly; under `CI=true` a missing server fails the run instead.
 */
export async function findTestRedis(): Promise<string | null> {
  const explicit = process.env.TEST_REDIS_URL?.trim();
  const url = explicit || LOCAL_REDIS_URL;
  if (await answersPing(url)) return url;
  const message = `No Redis answers at ${describeRedisUrl(url)} (set TEST_REDIS_URL or start redis-server).`;
  if (explicit || process.env.CI === 'true')
    throw new Error(`${message} CI=true requires the Redis tests to run.`);
  process.stderr.write(`\n*** ${message} Redis tests are SKIPPED in this file. ***\n\n`);
  return null;
}

/** Whether this machine can start its own Redis servers; under `CI=true` it must. */
export async function redisServerInstalled(): Promise<boolean> {
  try {
    await run('redis-server', ['--version'], { timeout: 3_000 });
    return true;
  } catch {
    const message = 'redis-server is not installed.';
    if (process.env.CI === 'true')
      throw new Error(`${message} CI=true requires the Redis failover tests to run.`);
    process.stderr.write(`\n*** ${message} Redis failover and cluster tests are SKIPPED. ***\n\n`);
    return false;
  }
}

/** A prefix no other test file or run uses, so files share one server without seeing each other. */
export function testKeyPrefix(file: string): string {
  return `kf-test:${file}:${randomBytes(4).toString('hex')}:`;
}

/** Removes every key under `prefix` (test clean-up). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const keys = (await redisCli(url, '--scan', '--pattern', `${prefix}*`))
    .split('\n')
    .filter((key) => key !== '');
  for (let start = 0; start < keys.length; start += 500) {
    await redisCli(url, 'DEL', ...keys.slice(start, start + 500));
  }
}

/** Tight timeouts and a quick breaker, so tests see failures and recoveries in milliseconds. */
export function testRedisConfig(overrides: Partial<RedisConfig> = {}): RedisConfig {
  return {
    url: LOCAL_REDIS_URL,
    mode: 'single',
    sentinels: [],
    sentinelMaster: 'mymaster',
    clusterNodes: [],
    keyPrefix: 'kf-test:',
    connectTimeoutMs: 500,
    commandTimeoutMs: 500,
    reconnectBaseMs: 20,
    reconnectMaxMs: 200,
    breakerFailureThreshold: 3,
    breakerHalfOpenAfterMs: 200,
    ...overrides,
  };
}
