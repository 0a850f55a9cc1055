import { ConfigError } from '@know-foolery/shared/config';
import { describe, expect, it } from 'vitest';
import { readDevIdentityConfig } from '../src/config.js';

describe('the process configuration', () => {
  it('defaults to port 3010, issuer http://localhost:3010 and the gateway callbacks', () => {
    expect(readDevIdentityConfig({})).toEqual({
      port: 3010,
      host: '127.0.0.1',
      issuer: 'http://localhost:3010',
      accessTokenTtlSeconds: 3600,
      refreshTokenTtlSeconds: 30 * 86_400,
      redirectUris: [
        'http://localhost:3000/api/v1/auth/callback',
        'http://127.0.0.1:3000/api/v1/auth/callback',
      ],
      postLogoutRedirectUris: ['http://localhost:3000/', 'http://127.0.0.1:3000/'],
    });
  });

  it('follows DEV_IDENTITY_PORT in the default issuer and reads the other variables', () => {
    const config = readDevIdentityConfig({
      DEV_IDENTITY_PORT: '4010',
      DEV_IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '5',
      DEV_IDENTITY_REDIRECT_URIS: 'http://localhost:5173/callback, http://127.0.0.1:5173/callback',
    });

    expect(config).toMatchObject({
      port: 4010,
      issuer: 'http://localhost:4010',
      accessTokenTtlSeconds: 5,
      redirectUris: ['http://localhost:5173/callback', 'http://127.0.0.1:5173/callback'],
    });
  });

  it('refuses NODE_ENV=production, naming the variable', () => {
    expect(() => readDevIdentityConfig({ NODE_ENV: 'production' })).toThrow(
      /NODE_ENV: .*never runs in production/,
    );
  });

  it('reports every bad value at once', () => {
    let problems: readonly string[] = [];
    try {
      readDevIdentityConfig({
        DEV_IDENTITY_PORT: 'http',
        DEV_IDENTITY_ISSUER: 'ftp://localhost',
        DEV_IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '0',
        DEV_IDENTITY_REDIRECT_URIS: 'not a url',
      });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }

    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'DEV_IDENTITY_PORT',
      'DEV_IDENTITY_ISSUER',
      'DEV_IDENTITY_ACCESS_TOKEN_TTL_SECONDS',
      'DEV_IDENTITY_REDIRECT_URIS',
    ]);
  });
});
