import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { composeService } from '../src/compose.js';
import { loadConfig } from '../src/config.js';

describe('leaderboard-service composition', () => {
  it('reads its port and the user-service URL', () => {
    const config = loadConfig({ NODE_ENV: 'test', USER_SERVICE_URL: 'http://users.internal:8080/' });
    expect(config.server.port).toBe(3004);
    expect(config.userServiceUrl).toBe('http://users.internal:8080');
  });

  it('migrates its database on start and is ready', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' });
    const started = await composeService(config, pino({ level: 'silent' }));
    try {
      const ready = await started.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().checks.database).toMatchObject({ status: 'up', dialect: 'sqlite' });
      expect(ready.json().circuits).toEqual({ 'user-service': 'closed' });
    } finally {
      await started.app.close();
      await started.release();
    }
  });
});
