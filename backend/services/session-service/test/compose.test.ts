import { createAuth } from '@know-foolery/shared/auth';
import { deleteKeys, findTestRedis, testKeyPrefix } from '@know-foolery/shared/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { composeService } from '../src/compose.js';
import { loadConfig, type SessionServiceConfig } from '../src/config.js';

const url = await findTestRedis();

/** Opens a session through the composed app and resolves its cookie: the whole wiring, end to end. */
async function openAndResolve(config: SessionServiceConfig) {
  const started = await composeService(config, pino({ level: 'silent' }));
  const { issuer } = createAuth(config.auth);
  if (issuer === null) throw new Error('the mock issuer is configured');
  const token = async (subject: string, roles: ['player'] | ['service']) =>
    `Bearer ${(await issuer.issueToken({ subject, roles })).accessToken}`;
  try {
    const ready = await started.app.inject({ method: 'GET', url: '/health/ready' });
    const opened = await started.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { authorization: await token('alice', ['player']) },
      payload: {},
    });
    const cookie = /^kf_session=([^;]+)/.exec(String(opened.headers['set-cookie']))?.[1] ?? '';
    const resolved = await started.app.inject({
      method: 'POST',
      url: '/internal/v1/sessions/resolve',
      headers: { authorization: await token('service:gateway', ['service']) },
      payload: { cookie },
    });
    return { ready, opened, resolved };
  } finally {
    await started.app.close();
    await started.release();
  }
}

describe('composing session-service', () => {
  it('keeps sessions in memory without REDIS_URL, and says so in readiness', async () => {
    const { ready, opened, resolved } = await openAndResolve(loadConfig({ NODE_ENV: 'test' }));
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks['session-store']).toEqual({ status: 'up', kind: 'memory' });
    expect(opened.statusCode).toBe(201);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().userId).toBe('alice');
  });

  it.skipIf(url === null)('keeps sessions in Redis with REDIS_URL', async () => {
    const prefix = testKeyPrefix('session-compose');
    try {
      const config = loadConfig({ NODE_ENV: 'test', REDIS_URL: url ?? '', REDIS_KEY_PREFIX: prefix });
      const { ready, opened, resolved } = await openAndResolve(config);
      expect(ready.json().checks['session-store']).toEqual({ status: 'up', kind: 'redis' });
      expect(opened.statusCode).toBe(201);
      expect(resolved.statusCode).toBe(200);
    } finally {
      await deleteKeys(url ?? '', prefix);
    }
  });
});
