import { randomBytes } from 'node:crypto';
import { ConfigError } from '@know-foolery/shared/config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { developmentKeyring } from '../src/crypto/keyring.js';

const key = () => randomBytes(32).toString('base64');

/** What production needs besides the session settings. */
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-bytes!',
};

function productionKeys() {
  return {
    SESSION_ENCRYPTION_KEYS: `e2:${key()},e1:${key()}`,
    SESSION_SIGNING_KEYS: `s1:${key()}`,
    SESSION_LOOKUP_KEY: key(),
  };
}

/** The ConfigError a configuration raises; fails the test when it loads. */
function problemsOf(env: Readonly<Record<string, string>>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration loaded');
}

describe('session-service configuration', () => {
  it('defaults to development keys, a plain cookie, memory storage and the usual lifetimes', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.server.port).toBe(3005);
    expect(config.sessions).toEqual({
      ttlSeconds: 86_400,
      maxLifetimeSeconds: 30 * 86_400,
      maxPerUser: 20,
      sweepIntervalMs: 60_000,
      pruneIntervalMs: 300_000,
      touchIntervalSeconds: 60,
    });
    expect(config.cookie).toEqual({ secure: false });
    expect(config.redis.url).toBeNull();
    expect(config.keys.encryption.map((one) => one.id)).toEqual(['dev']);
    expect(config.keys.signing[0]?.secret.equals(config.keys.encryption[0]?.secret ?? Buffer.alloc(0))).toBe(
      false,
    );
    expect(config.keys.lookup).toHaveLength(32);
  });

  it('reads keyrings newest first, and a production configuration with its own keys loads', () => {
    const keys = productionKeys();
    const config = loadConfig({ ...PRODUCTION, ...keys });
    expect(config.keys.encryption.map((one) => one.id)).toEqual(['e2', 'e1']);
    expect(config.keys.signing.map((one) => one.id)).toEqual(['s1']);
    expect(config.keys.lookup.toString('base64')).toBe(keys.SESSION_LOOKUP_KEY);
    expect(config.cookie).toEqual({ secure: true });
  });

  it('never shows a secret when the configuration is printed', () => {
    const keys = productionKeys();
    const printed = JSON.stringify(loadConfig({ ...PRODUCTION, ...keys }));
    for (const secret of [...keys.SESSION_ENCRYPTION_KEYS.split(','), keys.SESSION_SIGNING_KEYS]) {
      expect(printed).not.toContain(secret.split(':')[1]);
    }
    expect(printed).not.toContain(keys.SESSION_LOOKUP_KEY);
    expect(printed).toContain('"encryption":["e2","e1"]');
  });

  it('requires every session key in production, naming each', () => {
    const message = problemsOf(PRODUCTION);
    for (const name of ['SESSION_ENCRYPTION_KEYS', 'SESSION_SIGNING_KEYS', 'SESSION_LOOKUP_KEY']) {
      expect(message).toContain(`${name}: is required when NODE_ENV=production`);
    }
  });

  it('refuses the development keys in production', () => {
    const development = (purpose: string) => developmentKeyring(purpose)[0]?.secret.toString('base64') ?? '';
    const message = problemsOf({
      ...PRODUCTION,
      ...productionKeys(),
      SESSION_ENCRYPTION_KEYS: `dev:${development('session-encryption')}`,
      SESSION_LOOKUP_KEY: development('session-lookup'),
    });
    expect(message).toContain('SESSION_ENCRYPTION_KEYS: a development key cannot be used');
    expect(message).toContain('SESSION_LOOKUP_KEY: a development key cannot be used');
    expect(message).not.toContain(development('session-encryption'));
  });

  it('refuses a plain cookie in production', () => {
    const message = problemsOf({ ...PRODUCTION, ...productionKeys(), SESSION_COOKIE_SECURE: 'false' });
    expect(message).toContain('SESSION_COOKIE_SECURE: cannot be false when NODE_ENV=production');
  });

  it('takes a secure cookie outside production when asked', () => {
    expect(loadConfig({ NODE_ENV: 'development', SESSION_COOKIE_SECURE: 'true' }).cookie).toEqual({
      secure: true,
    });
  });

  it('refuses one key used for two purposes', () => {
    const shared = key();
    const message = problemsOf({
      NODE_ENV: 'test',
      SESSION_ENCRYPTION_KEYS: `e1:${shared}`,
      SESSION_SIGNING_KEYS: `s1:${shared}`,
      SESSION_LOOKUP_KEY: shared,
    });
    expect(message).toContain('SESSION_SIGNING_KEYS: must not reuse a key of SESSION_ENCRYPTION_KEYS');
    expect(message).toContain('SESSION_LOOKUP_KEY: must not reuse');
    expect(message).not.toContain(shared);
  });

  const secret = key();
  it.each([
    ['SESSION_ENCRYPTION_KEYS', secret],
    ['SESSION_ENCRYPTION_KEYS', `BAD:${secret}`],
    ['SESSION_ENCRYPTION_KEYS', `e1:${secret.slice(0, 20)}`],
    ['SESSION_SIGNING_KEYS', `s1:${secret},s1:${key()}`],
    ['SESSION_SIGNING_KEYS', `s1:${secret}x`],
    ['SESSION_LOOKUP_KEY', secret.slice(0, 40)],
    ['SESSION_LOOKUP_KEY', `${randomBytes(31).toString('base64')}`],
    ['SESSION_COOKIE_SECURE', 'sometimes'],
    ['SESSION_TOUCH_INTERVAL_SECONDS', '86400'],
    ['SESSION_PRUNE_INTERVAL_MS', '10'],
    ['REDIS_URL', `http://user:${secret}@localhost`],
  ])('stops on a bad %s, naming it and never the value', (name, value) => {
    const message = problemsOf({ NODE_ENV: 'test', [name]: value });
    expect(message).toContain(`${name}: `);
    expect(message).not.toContain(secret.slice(0, 20));
  });

  it.each([
    [{ SESSION_TTL_SECONDS: '7200', SESSION_MAX_LIFETIME_SECONDS: '3600' }, 'SESSION_TTL_SECONDS'],
    [{ SESSION_MAX_PER_USER: '0' }, 'SESSION_MAX_PER_USER'],
    [{ SESSION_TTL_SECONDS: 'forever' }, 'SESSION_TTL_SECONDS'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(problemsOf({ NODE_ENV: 'test', ...env })).toContain(variable);
  });
});
