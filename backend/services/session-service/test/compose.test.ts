import { ConfigError } from '@know-foolery/shared/config';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { composeService } from '../src/compose.js';
import { loadConfig } from '../src/config.js';

describe('session-service configuration', () => {
  it('defaults to a one-day sliding TTL, a 30-day lifetime and 20 sessions per player', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.server.port).toBe(3005);
    expect(config.sessions).toEqual({
      ttlSeconds: 86_400,
      maxLifetimeSeconds: 30 * 86_400,
      maxPerUser: 20,
      sweepIntervalMs: 60_000,
    });
  });

  it.each([
    [{ SESSION_TTL_SECONDS: '7200', SESSION_MAX_LIFETIME_SECONDS: '3600' }, 'SESSION_TTL_SECONDS'],
    [{ SESSION_MAX_PER_USER: '0' }, 'SESSION_MAX_PER_USER'],
    [{ SESSION_TTL_SECONDS: 'forever' }, 'SESSION_TTL_SECONDS'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => loadConfig({ NODE_ENV: 'test', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', ...env })).toThrow(variable);
  });

  it('composes a service that is ready and releases its store', async () => {
    const started = await composeService(loadConfig({ NODE_ENV: 'test' }), pino({ level: 'silent' }));
    try {
      const ready = await started.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
    } finally {
      await started.app.close();
      await started.release();
    }
  });
});
