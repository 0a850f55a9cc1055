import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEVELOPMENT_JWT_SECRET,
  EnvReader,
  type EnvSource,
  loadEnvironment,
  readAuthConfig,
  readDatabaseConfig,
  readServerConfig,
  readServiceClientConfig,
  readServiceUrl,
} from '../src/config/index.js';

function readAll(source: EnvSource) {
  const env = new EnvReader(source);
  const config = {
    server: readServerConfig(env, 'game'),
    auth: readAuthConfig(env),
    database: readDatabaseConfig(env, 'game'),
    client: readServiceClientConfig(env),
    question: readServiceUrl(env, 'question'),
  };
  env.done();
  return config;
}

function problemsOf(source: EnvSource): readonly string[] {
  try {
    readAll(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has safe development defaults', () => {
    const config = readAll({});
    expect(config.server).toMatchObject({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3001,
      logLevel: 'info',
    });
    expect(config.auth).toMatchObject({
      provider: 'mock',
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      tokenTtlSeconds: 3600,
      maxTokenLifetimeSeconds: 86_400,
      devTokensEnabled: true,
    });
    expect(config.client).toMatchObject({ breakerFirstProbeMs: 500, breakerResetMs: 10_000 });
    expect(config.database).toMatchObject({ url: 'sqlite:.data/game.db', migrateOnStart: true });
    expect(config.question).toBe('http://127.0.0.1:3002');
  });

  it.each([
    [{ GAME_SERVICE_PORT: 'abc' }, 'GAME_SERVICE_PORT: expected an integer, got "abc"'],
    [{ GAME_SERVICE_PORT: '70000' }, 'GAME_SERVICE_PORT: expected an integer from 0 to 65535, got 70000'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV: expected one of development, test, production, got "staging"'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    [{ DB_MIGRATE_ON_START: 'maybe' }, 'DB_MIGRATE_ON_START: expected true or false, got "maybe"'],
    [
      { DATABASE_URL: 'mysql://x' },
      'DATABASE_URL: expected a URL starting with sqlite: or postgres://, got "mysql://x"',
    ],
    [
      { QUESTION_SERVICE_URL: 'not a url' },
      'QUESTION_SERVICE_URL: expected a URL (http: or https:), got "not a url"',
    ],
    [
      { QUESTION_SERVICE_URL: 'ftp://host' },
      'QUESTION_SERVICE_URL: expected a http: or https: URL, got "ftp://host"',
    ],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET: must be at least 32 bytes long'],
    [{ AUTH_PROVIDER: 'zitadel' }, 'AUTH_PROVIDER: expected one of mock, oidc, got "zitadel"'],
    [{ SERVICE_CALL_RETRIES: '-1' }, 'SERVICE_CALL_RETRIES: expected an integer from 0 to 10, got -1'],
    [{ SHUTDOWN_TIMEOUT_MS: '1.5' }, 'SHUTDOWN_TIMEOUT_MS: expected an integer, got "1.5"'],
    [
      { AUTH_MAX_TOKEN_LIFETIME_SECONDS: '600' },
      'AUTH_MAX_TOKEN_LIFETIME_SECONDS: expected an integer from 900 to 604800, got 600',
    ],
    [
      { AUTH_TOKEN_TTL_SECONDS: '7200', AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600' },
      'AUTH_MAX_TOKEN_LIFETIME_SECONDS: must be at least AUTH_TOKEN_TTL_SECONDS (7200), got 3600',
    ],
    [
      { SERVICE_BREAKER_FIRST_PROBE_MS: '20000' },
      'SERVICE_BREAKER_FIRST_PROBE_MS: must be at most SERVICE_BREAKER_RESET_MS (10000), got 20000',
    ],
  ])('refuses %j naming the variable', (source, problem) => {
    expect(problemsOf(source)).toEqual([problem]);
  });

  it('reports every problem at once, never echoing a secret', () => {
    const problems = problemsOf({ GAME_SERVICE_PORT: 'x', LOG_LEVEL: 'y', AUTH_JWT_SECRET: 'tiny-secret' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).not.toContain('tiny-secret');
  });

  it('refuses to run production without a secret, or with the development one', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'AUTH_JWT_SECRET: is required when NODE_ENV=production',
    ]);
    expect(problemsOf({ NODE_ENV: 'production', AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toEqual([
      'AUTH_JWT_SECRET: the development secret cannot be used when NODE_ENV=production',
    ]);
  });

  it('turns development features off in production', () => {
    const config = readAll({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'a-production-secret-of-32-bytes-or-more',
    });
    expect(config.auth.devTokensEnabled).toBe(false);
    expect(config.database.migrateOnStart).toBe(false);
  });

  describe('CONFIG_FILE', () => {
    const directory = mkdtempSync(join(tmpdir(), 'kf-config-'));
    const file = (name: string, content: string) => {
      const path = join(directory, name);
      writeFileSync(path, content);
      return path;
    };

    it('reads variables from the file, with the environment winning', () => {
      const path = file(
        'ok.json',
        JSON.stringify({ GAME_SERVICE_PORT: 4001, LOG_LEVEL: 'debug', DB_MIGRATE_ON_START: false }),
      );
      const config = readAll(loadEnvironment({ CONFIG_FILE: path, LOG_LEVEL: 'warn' }));
      expect(config.server).toMatchObject({ port: 4001, logLevel: 'warn' });
      expect(config.database.migrateOnStart).toBe(false);
    });

    it.each([
      ['missing.json', null, /CONFIG_FILE: cannot read/],
      ['broken.json', '{ not json', /CONFIG_FILE: cannot read .* as JSON/],
      ['array.json', '[1, 2]', /must hold a JSON object/],
      ['nested.json', '{"DATABASE": {"URL": "x"}}', /"DATABASE" .* must be a string, number or boolean/],
    ])('refuses %s with a message naming it', (name, content, message) => {
      const path = content === null ? join(directory, name) : file(name, content);
      expect(() => loadEnvironment({ CONFIG_FILE: path })).toThrow(message);
    });
  });
});
