import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../src/observability/index.js';
import { openRedis } from '../src/redis/index.js';
import { findTestRedis, testRedisConfig } from '../src/testing/redis.js';

const url = await findTestRedis();

function recordingLogger() {
  const lines: string[] = [];
  const record = (details: Readonly<Record<string, unknown>>, message: string) =>
    lines.push(`${message} ${JSON.stringify(details)}`);
  return { lines, logger: { info: record, warn: record } };
}

describe('opening Redis at start-up', () => {
  it('says the in-memory implementations serve when REDIS_URL is not set', () => {
    const { lines, logger } = recordingLogger();
    expect(
      openRedis(testRedisConfig({ url: null }), { metrics: createMetricsRegistry(), logger }),
    ).toBeUndefined();
    expect(lines).toEqual([expect.stringContaining('not configured (no REDIS_URL), using in-memory')]);
  });

  it('names the mode and where it connects, never the password', async () => {
    const { lines, logger } = recordingLogger();
    const sentinel = openRedis(
      testRedisConfig({
        url: 'redis://app:hunter2hunter2@ignored',
        mode: 'sentinel',
        sentinels: [{ host: '127.0.0.1', port: 1 }],
        sentinelMaster: 'kf-primary',
      }),
      { metrics: createMetricsRegistry(), logger },
    );
    await sentinel?.close();
    expect(lines[0]).toContain('Redis: sentinel, master "kf-primary" via 127.0.0.1:1, key prefix "kf-test:"');
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it.skipIf(url === null)('connects in the background and serves commands', async () => {
    const { lines, logger } = recordingLogger();
    const serverUrl = url ?? '';
    const redis = openRedis(testRedisConfig({ url: serverUrl }), {
      metrics: createMetricsRegistry(),
      logger,
    });
    try {
      expect(await redis?.run('ping', (connection) => connection.ping())).toBe('PONG');
      expect(lines[0]).toContain(`Redis: single, ${serverUrl}`);
    } finally {
      await redis?.close();
    }
  });
});
