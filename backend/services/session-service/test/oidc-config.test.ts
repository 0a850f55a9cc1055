import { ConfigError } from '@know-foolery/shared/config';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { composeService } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { decodeSession, encodeSession } from '../src/data/session-record.js';
import { testSession } from './session-store-fixtures.js';

/** An issuer nothing listens at: session-service must start without asking it anything. */
const OIDC = {
  NODE_ENV: 'test',
  AUTH_PROVIDER: 'oidc',
  ZITADEL_ISSUER: 'http://127.0.0.1:9/',
  ZITADEL_PROJECT_ID: 'know-foolery',
  ZITADEL_USER_CLIENT_IDS: 'know-foolery-web',
  OIDC_CLIENT_ID: 'know-foolery-web',
  OIDC_CLIENT_SECRET: 'a-client-secret-of-some-length',
};

function problemsOf(env: Readonly<Record<string, string>>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration loaded');
}

describe('session-service configured for OpenID Connect', () => {
  it('reads the web client whose refresh tokens it keeps, and never prints its secret', () => {
    const config = loadConfig(OIDC);
    expect(config.oidcClient?.clientId).toBe('know-foolery-web');
    expect(config.oidcClient?.clientSecret).toBe(OIDC.OIDC_CLIENT_SECRET);
    const printed = JSON.stringify(config);
    expect(printed).not.toContain(OIDC.OIDC_CLIENT_SECRET);
    expect(JSON.parse(printed).oidcClient).toEqual({ clientId: 'know-foolery-web', clientSecret: 'set' });
  });

  it('needs no client with mock auth', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).oidcClient).toBeNull();
  });

  it.each([
    ['no client id', { OIDC_CLIENT_ID: '' }, 'OIDC_CLIENT_ID: is required when AUTH_PROVIDER=oidc'],
    ['no secret', { OIDC_CLIENT_SECRET: '' }, 'OIDC_CLIENT_SECRET: is required when AUTH_PROVIDER=oidc'],
    [
      'a malformed client id',
      { OIDC_CLIENT_ID: 'web client' },
      'OIDC_CLIENT_ID: expected a client id, got "web client"',
    ],
    ['a short secret', { OIDC_CLIENT_SECRET: 'short' }, 'OIDC_CLIENT_SECRET: must be at least 16 bytes long'],
  ])('stops at start with %s, naming the variable', (_case, change, problem) => {
    const problems = problemsOf({ ...OIDC, ...change });
    expect(problems).toContain(problem);
    expect(problems.join('\n')).not.toContain(OIDC.OIDC_CLIENT_SECRET);
  });

  it('starts and is ready while the issuer cannot be reached: it asks the issuer only when a token needs it', async () => {
    const started = await composeService(loadConfig(OIDC), pino({ level: 'silent' }));
    try {
      const ready = await started.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
    } finally {
      await started.app.close();
      await started.release();
    }
  });
});

describe('a session stored before renewals were claimed', () => {
  it('reads as never claimed, with no credentials version yet', () => {
    const policy = { ttlSeconds: 3_600, maxLifetimeSeconds: 7_200, maxPerUser: 5 };
    const session = testSession('alice', { now: new Date('2025-03-01T10:00:00.000Z'), policy });
    const { credentialsVersion, renewalClaimedUntil, ...older } = JSON.parse(encodeSession(session));
    expect([typeof credentialsVersion, renewalClaimedUntil]).toEqual(['string', null]);
    expect(decodeSession(JSON.stringify(older))).toEqual({
      ...session,
      credentialsVersion: '',
      renewalClaimedUntil: null,
    });
  });
});
