import { deleteKeys, findTestRedis, redisCli, testKeyPrefix } from '@know-foolery/shared/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { composeService } from '../src/compose.js';
import { loadConfig } from '../src/config.js';

const redisUrl = await findTestRedis();

describe('leaderboard-service composition', () => {
  it('reads its port, the user-service URL and its cache settings', () => {
    const config = loadConfig({ NODE_ENV: 'test', USER_SERVICE_URL: 'http://users.internal:8080/' });
    expect(config.server.port).toBe(3004);
    expect(config.userServiceUrl).toBe('http://users.internal:8080');
    expect(config.redis.url).toBeNull();
    expect(config.boardRefreshSeconds).toBe(3_600);
    expect(config.nameCacheSeconds).toBe(60);
  });

  it.each([
    ['LEADERBOARD_NAME_CACHE_SECONDS', '301'],
    ['LEADERBOARD_NAME_CACHE_SECONDS', '-1'],
    ['LEADERBOARD_BOARD_REFRESH_SECONDS', '0'],
    ['LEADERBOARD_BOARD_REFRESH_SECONDS', 'hourly'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ NODE_ENV: 'test', [name]: value })).toThrow(name);
  });

  it('migrates its database on start and is ready', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' });
    const started = await composeService(config, pino({ level: 'silent' }));
    try {
      const ready = await started.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().checks.database).toMatchObject({ status: 'up', dialect: 'sqlite' });
      expect(ready.json().checks.redis).toBeUndefined();
      expect(ready.json().circuits).toEqual({ 'user-service': 'closed' });
    } finally {
      await started.app.close();
      await started.release();
    }
  });

  it.skipIf(redisUrl === null)(
    'with REDIS_URL, builds the current boards in Redis as it starts',
    async () => {
      const url = redisUrl ?? '';
      const keyPrefix = testKeyPrefix('leaderboard-compose');
      const config = loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: 'sqlite::memory:',
        REDIS_URL: url,
        REDIS_KEY_PREFIX: keyPrefix,
      });
      const started = await composeService(config, pino({ level: 'silent' }));
      try {
        const ready = await started.app.inject({ method: 'GET', url: '/health/ready' });
        expect(ready.json().checks.redis).toMatchObject({ status: 'up', mode: 'single' });
      } finally {
        await started.app.close();
        await started.release();
      }
      try {
        const markers = (await redisCli(url, '--scan', '--pattern', `${keyPrefix}*:complete`))
          .split('\n')
          .sort();
        expect(markers).toEqual([`${keyPrefix}{leaderboard:all}:complete`, expect.stringMatching(/week:/)]);
      } finally {
        await deleteKeys(url, keyPrefix);
      }
    },
  );
});
