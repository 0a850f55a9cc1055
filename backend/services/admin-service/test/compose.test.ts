import { ConfigError } from '@know-foolery/shared/config';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { composeService } from '../src/compose.js';
import { loadConfig } from '../src/config.js';

describe('admin-service configuration', () => {
  it('finds question-service and game-service on their platform ports by default', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config).toMatchObject({
      server: { port: 3006 },
      questionServiceUrl: 'http://127.0.0.1:3002',
      gameServiceUrl: 'http://127.0.0.1:3001',
      importTimeoutMs: 120_000,
    });
  });

  it.each([
    [{ QUESTION_SERVICE_URL: 'ftp://questions' }, 'QUESTION_SERVICE_URL'],
    [{ QUESTION_IMPORT_TIMEOUT_MS: '10' }, 'QUESTION_IMPORT_TIMEOUT_MS'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => loadConfig({ NODE_ENV: 'test', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', ...env })).toThrow(variable);
  });

  it('composes a live service that releases its clients', async () => {
    const started = await composeService(loadConfig({ NODE_ENV: 'test' }), pino({ level: 'silent' }));
    try {
      const live = await started.app.inject({ method: 'GET', url: '/health/live' });
      expect(live.statusCode).toBe(200);
      expect(live.json().service).toBe('admin-service');
      const ready = await started.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.json().circuits).toEqual({
        'question-service': 'closed',
        'question-service-imports': 'closed',
        'game-service': 'closed',
      });
    } finally {
      await started.app.close();
      await started.release();
    }
  });
});
