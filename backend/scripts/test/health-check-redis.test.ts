import { EnvReader, readRedisConfig } from '@know-foolery/shared/config';
import { findTestRedis } from '@know-foolery/shared/testing';
import { describe, expect, it } from 'vitest';
import { checkRedis } from '../src/health/checks.js';

const url = await findTestRedis();

const configFor = (redisUrl: string) => readRedisConfig(new EnvReader({ REDIS_URL: redisUrl }));

describe.skipIf(url === null)('the Redis health check', () => {
  it('passes a Redis that answers, naming its mode and role', async () => {
    const serverUrl = url ?? '';
    const result = await checkRedis(configFor(serverUrl), serverUrl, 1_000);
    expect(result).toMatchObject({
      name: 'redis',
      ok: true,
      detail: expect.stringMatching(/^single master redis:/),
    });
  });

  it('fails one that does not answer, without its password', async () => {
    const refused = 'redis://app:hunter2hunter2@127.0.0.1:1';
    const result = await checkRedis(configFor(refused), refused, 500);
    expect(result.ok).toBe(false);
    expect(result.detail).not.toContain('hunter2');
  });
});
