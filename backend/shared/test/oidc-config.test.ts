import { describe, expect, it } from 'vitest';
import { type EnvSource, readAuthConfig } from '../src/config/index.js';
import { configProblems, readWhole } from './config-reading.js';

const MINIMAL: EnvSource = {
  AUTH_PROVIDER: 'oidc',
  ZITADEL_ISSUER: 'https://know-foolery.zitadel.example',
  ZITADEL_PROJECT_ID: '312345678901234567',
  ZITADEL_USER_CLIENT_IDS: '312345678901234999@know-foolery',
};

const read = (source: EnvSource) => readWhole(readAuthConfig, source);
const problemsOf = (source: EnvSource) => configProblems(() => read(source));

describe('AUTH_PROVIDER=oidc configuration', () => {
  it('needs only the issuer, the project and the sign-in applications; the rest has defaults', () => {
    const config = read(MINIMAL);
    if (config.provider !== 'oidc') throw new Error('expected the oidc provider');
    expect(config.oidc).toEqual({
      issuer: 'https://know-foolery.zitadel.example',
      projectId: '312345678901234567',
      audience: '312345678901234567',
      roleMap: [
        { zitadelRole: 'player', platformRole: 'player' },
        { zitadelRole: 'admin', platformRole: 'admin' },
      ],
      introspection: null,
      userClientIds: ['312345678901234999@know-foolery'],
      machineAdmins: [],
      serviceUsers: [],
      httpTimeoutMs: 5_000,
      tokenCacheSeconds: 30,
    });
    expect(config).toMatchObject({ jwtSecret: '', devTokensEnabled: false });
  });

  it('reads every setting, keeping the issuer exactly as written', () => {
    const config = read({
      ...MINIMAL,
      ZITADEL_ISSUER: 'https://id.example/tenant/',
      ZITADEL_AUDIENCE: 'know-foolery-api',
      ZITADEL_ROLE_MAP: ' quizmaster = admin , member=player,',
      ZITADEL_INTROSPECTION_CLIENT_ID: 'kf-api@know-foolery',
      ZITADEL_INTROSPECTION_CLIENT_SECRET: 'introspection-secret-0123456789',
      ZITADEL_USER_CLIENT_IDS: 'web@know-foolery, mobile@know-foolery',
      ZITADEL_MACHINE_ADMINS: '312345678901230001',
      ZITADEL_SERVICE_USERS: '312345678901230002,312345678901230003',
      ZITADEL_HTTP_TIMEOUT_MS: '2000',
      ZITADEL_TOKEN_CACHE_SECONDS: '0',
    });
    if (config.provider !== 'oidc') throw new Error('expected the oidc provider');
    expect(config.oidc).toEqual({
      issuer: 'https://id.example/tenant/',
      projectId: '312345678901234567',
      audience: 'know-foolery-api',
      roleMap: [
        { zitadelRole: 'quizmaster', platformRole: 'admin' },
        { zitadelRole: 'member', platformRole: 'player' },
      ],
      introspection: { clientId: 'kf-api@know-foolery', clientSecret: 'introspection-secret-0123456789' },
      userClientIds: ['web@know-foolery', 'mobile@know-foolery'],
      machineAdmins: ['312345678901230001'],
      serviceUsers: ['312345678901230002', '312345678901230003'],
      httpTimeoutMs: 2_000,
      tokenCacheSeconds: 0,
    });
  });

  it('runs in production without the mock secret, over https', () => {
    expect(problemsOf({ ...MINIMAL, NODE_ENV: 'production' })).toEqual([]);
  });

  it('leaves the mock provider as it was, whatever ZITADEL_ variables are set', () => {
    const config = read({ ZITADEL_ISSUER: 'not a url', ZITADEL_ROLE_MAP: 'x=superuser' });
    expect(config.provider).toBe('mock');
    expect(config).not.toHaveProperty('oidc');
  });

  it.each([
    [{ ZITADEL_ISSUER: undefined }, 'ZITADEL_ISSUER: is required when AUTH_PROVIDER=oidc'],
    [{ ZITADEL_ISSUER: 'zitadel.example' }, 'ZITADEL_ISSUER: expected a URL, got "zitadel.example"'],
    [
      { ZITADEL_ISSUER: 'ftp://zitadel.example' },
      'ZITADEL_ISSUER: expected a https: or http: URL, got "ftp://zitadel.example"',
    ],
    [
      { ZITADEL_ISSUER: 'http://zitadel.example', NODE_ENV: 'production' },
      'ZITADEL_ISSUER: expected a https: URL, got "http://zitadel.example"',
    ],
    [
      { ZITADEL_ISSUER: 'https://zitadel.example/?tenant=1' },
      'ZITADEL_ISSUER: an issuer has no query, fragment or credentials, got "https://zitadel.example/?tenant=1"',
    ],
    [{ ZITADEL_PROJECT_ID: undefined }, 'ZITADEL_PROJECT_ID: is required when AUTH_PROVIDER=oidc'],
    [
      { ZITADEL_PROJECT_ID: '3123:roles' },
      'ZITADEL_PROJECT_ID: expected letters, digits, - or _, got "3123:roles"',
    ],
    [
      { ZITADEL_ROLE_MAP: 'player' },
      'ZITADEL_ROLE_MAP: expected zitadel-role=platform-role pairs separated by commas, got "player"',
    ],
    [
      { ZITADEL_ROLE_MAP: 'player=player=admin' },
      'ZITADEL_ROLE_MAP: expected zitadel-role=platform-role pairs separated by commas, got "player=player=admin"',
    ],
    [
      { ZITADEL_ROLE_MAP: '=admin' },
      'ZITADEL_ROLE_MAP: expected zitadel-role=platform-role pairs separated by commas, got "=admin"',
    ],
    [
      { ZITADEL_ROLE_MAP: 'player=player,owner=superuser' },
      'ZITADEL_ROLE_MAP: "owner" maps to "superuser": expected player or admin',
    ],
    [
      { ZITADEL_ROLE_MAP: 'bot=service' },
      'ZITADEL_ROLE_MAP: "bot" maps to "service": expected player or admin',
    ],
    [{ ZITADEL_ROLE_MAP: 'a=player,a=admin' }, 'ZITADEL_ROLE_MAP: "a" is mapped twice'],
    [{ ZITADEL_ROLE_MAP: ' , ' }, 'ZITADEL_ROLE_MAP: must map at least one Zitadel role'],
    [
      { ZITADEL_INTROSPECTION_CLIENT_SECRET: 'introspection-secret-0123456789' },
      'ZITADEL_INTROSPECTION_CLIENT_SECRET: is set without ZITADEL_INTROSPECTION_CLIENT_ID',
    ],
    [
      { ZITADEL_INTROSPECTION_CLIENT_ID: 'kf-api' },
      'ZITADEL_INTROSPECTION_CLIENT_SECRET: is required with ZITADEL_INTROSPECTION_CLIENT_ID',
    ],
    [
      {
        ZITADEL_INTROSPECTION_CLIENT_ID: 'kf api',
        ZITADEL_INTROSPECTION_CLIENT_SECRET: 'introspection-secret-0123456789',
      },
      'ZITADEL_INTROSPECTION_CLIENT_ID: expected a client id, got "kf api"',
    ],
    [
      { ZITADEL_INTROSPECTION_CLIENT_ID: 'kf-api', ZITADEL_INTROSPECTION_CLIENT_SECRET: 'short-secret' },
      'ZITADEL_INTROSPECTION_CLIENT_SECRET: must be at least 16 bytes long',
    ],
    [{ ZITADEL_USER_CLIENT_IDS: undefined }, 'ZITADEL_USER_CLIENT_IDS: is required when AUTH_PROVIDER=oidc'],
    [{ ZITADEL_USER_CLIENT_IDS: ' , ' }, 'ZITADEL_USER_CLIENT_IDS: is required when AUTH_PROVIDER=oidc'],
    [
      { ZITADEL_USER_CLIENT_IDS: 'web app,mobile' },
      'ZITADEL_USER_CLIENT_IDS: expected ids separated by commas, got "web app"',
    ],
    [
      { ZITADEL_MACHINE_ADMINS: '3123 4567,ok,"x"' },
      'ZITADEL_MACHINE_ADMINS: expected ids separated by commas, got "3123 4567", ""x""',
    ],
    [
      { ZITADEL_SERVICE_USERS: 'game service' },
      'ZITADEL_SERVICE_USERS: expected ids separated by commas, got "game service"',
    ],
    [
      { ZITADEL_HTTP_TIMEOUT_MS: '50' },
      'ZITADEL_HTTP_TIMEOUT_MS: expected an integer from 100 to 60000, got 50',
    ],
    [{ ZITADEL_HTTP_TIMEOUT_MS: 'soon' }, 'ZITADEL_HTTP_TIMEOUT_MS: expected an integer, got "soon"'],
    [
      { ZITADEL_TOKEN_CACHE_SECONDS: '301' },
      'ZITADEL_TOKEN_CACHE_SECONDS: expected an integer from 0 to 300, got 301',
    ],
    [
      { ZITADEL_TOKEN_CACHE_SECONDS: '-1' },
      'ZITADEL_TOKEN_CACHE_SECONDS: expected an integer from 0 to 300, got -1',
    ],
  ])('refuses %j naming the variable', (change, problem) => {
    expect(problemsOf({ ...MINIMAL, ...change })).toEqual([problem]);
  });

  it('requires the introspection secret in production too, and never echoes it', () => {
    expect(
      problemsOf({ ...MINIMAL, NODE_ENV: 'production', ZITADEL_INTROSPECTION_CLIENT_ID: 'kf-api' }),
    ).toEqual(['ZITADEL_INTROSPECTION_CLIENT_SECRET: is required with ZITADEL_INTROSPECTION_CLIENT_ID']);
    const problems = problemsOf({
      ...MINIMAL,
      ZITADEL_INTROSPECTION_CLIENT_ID: 'kf-api',
      ZITADEL_INTROSPECTION_CLIENT_SECRET: 'tiny-secret',
    });
    expect(problems.join('\n')).not.toContain('tiny-secret');
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ AUTH_PROVIDER: 'oidc' })).toEqual([
      'ZITADEL_PROJECT_ID: is required when AUTH_PROVIDER=oidc',
      'ZITADEL_ISSUER: is required when AUTH_PROVIDER=oidc',
      'ZITADEL_USER_CLIENT_IDS: is required when AUTH_PROVIDER=oidc',
    ]);
  });
});
