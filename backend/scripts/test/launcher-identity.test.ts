import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_CLIENTS, DEV_PROJECT_ID } from '@know-foolery/dev-identity';
import { ConfigError, type EnvSource, loadEnvironment } from '@know-foolery/shared/config';
import { afterAll, describe, expect, it } from 'vitest';
import { type DevelopmentIdentity, type IdentityPlan, planIdentity } from '../src/launcher/identity-plan.js';

const STATE_KEY = 'A'.repeat(43);

function development(env: EnvSource): DevelopmentIdentity {
  const plan = planIdentity(env, STATE_KEY);
  if (plan.kind !== 'development')
    throw new Error(`expected the development identity provider: ${plan.note}`);
  return plan;
}

function problemsOf(env: EnvSource): readonly string[] {
  try {
    planIdentity(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('how npm start signs people in', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kf-launcher-identity-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('runs the development identity provider by default and points every service at it', () => {
    const plan = development({});
    expect(plan).toMatchObject({
      url: 'http://127.0.0.1:3010',
      issuer: 'http://localhost:3010',
      signInUrl: 'http://localhost:3000/api/v1/auth/sign-in',
    });
    expect(plan.serviceEnv).toEqual({
      AUTH_PROVIDER: 'oidc',
      ZITADEL_ISSUER: 'http://localhost:3010',
      ZITADEL_PROJECT_ID: DEV_PROJECT_ID,
      ZITADEL_USER_CLIENT_IDS: 'know-foolery-web,know-foolery-web-opaque',
      ZITADEL_SERVICE_USERS: 'know-foolery-services',
      ZITADEL_SERVICE_CLIENT_ID: 'know-foolery-services',
      ZITADEL_SERVICE_CLIENT_SECRET: DEV_CLIENTS.machine.clientSecret,
      ZITADEL_INTROSPECTION_CLIENT_ID: 'know-foolery-api',
      ZITADEL_INTROSPECTION_CLIENT_SECRET: DEV_CLIENTS.api.clientSecret,
      OIDC_CLIENT_ID: 'know-foolery-web',
      OIDC_CLIENT_SECRET: DEV_CLIENTS.web.clientSecret,
      OIDC_REDIRECT_URI: 'http://localhost:3000/api/v1/auth/callback',
      OIDC_POST_LOGOUT_REDIRECT_URI: 'http://localhost:3000/',
      OIDC_STATE_KEY: STATE_KEY,
    });
    expect(plan.identityEnv).toEqual({
      DEV_IDENTITY_REDIRECT_URIS:
        'http://localhost:3000/api/v1/auth/callback,http://127.0.0.1:3000/api/v1/auth/callback',
      DEV_IDENTITY_POST_LOGOUT_REDIRECT_URIS: 'http://localhost:3000/,http://127.0.0.1:3000/',
    });
  });

  it("sets the machine user's subject as a service user: client credentials tokens name the client", () => {
    // The provider's client credentials tokens carry `sub` = the machine client's id (see its tests).
    const { serviceEnv } = development({});
    expect(serviceEnv.ZITADEL_SERVICE_USERS).toBe(DEV_CLIENTS.machine.clientId);
    expect(serviceEnv.ZITADEL_SERVICE_CLIENT_ID).toBe(DEV_CLIENTS.machine.clientId);
  });

  it('draws a new sealing key for pending sign-ins at every launch: 32 bytes in base64url', () => {
    const keys = [planIdentity({}), planIdentity({})].map((plan) => plan.serviceEnv.OIDC_STATE_KEY ?? '');
    expect(keys[0]).not.toBe(keys[1]);
    for (const key of keys) expect(Buffer.from(key, 'base64url').toString('base64url')).toBe(key);
    expect(Buffer.from(keys[0] ?? '', 'base64url')).toHaveLength(32);
  });

  it('keeps every variable the user set, and follows the ports and addresses given', () => {
    const plan = development({
      DEV_IDENTITY_PORT: '4010',
      GATEWAY_SERVICE_PORT: '4000',
      HOST: '0.0.0.0',
      OIDC_CLIENT_ID: 'my-web-client',
      ZITADEL_SERVICE_USERS: 'know-foolery-services,another-machine',
      OIDC_REDIRECT_URI: 'http://kf.localhost:4000/api/v1/auth/callback',
    });
    expect(plan).toMatchObject({ url: 'http://127.0.0.1:4010', issuer: 'http://localhost:4010' });
    expect(plan.serviceEnv).not.toHaveProperty('OIDC_CLIENT_ID');
    expect(plan.serviceEnv).not.toHaveProperty('ZITADEL_SERVICE_USERS');
    expect(plan.serviceEnv).not.toHaveProperty('OIDC_REDIRECT_URI');
    expect(plan.serviceEnv).toMatchObject({
      ZITADEL_ISSUER: 'http://localhost:4010',
      OIDC_POST_LOGOUT_REDIRECT_URI: 'http://localhost:4000/',
    });
    expect(plan.identityEnv.DEV_IDENTITY_REDIRECT_URIS?.split(',')).toEqual([
      'http://kf.localhost:4000/api/v1/auth/callback',
      'http://localhost:4000/api/v1/auth/callback',
      'http://127.0.0.1:4000/api/v1/auth/callback',
    ]);
  });

  it("names the services' issuer as the provider will, and leaves its own settings alone when set", () => {
    const plan = development({
      DEV_IDENTITY_ISSUER: 'http://id.localhost:3010/',
      DEV_IDENTITY_REDIRECT_URIS: 'http://localhost:3000/api/v1/auth/callback',
      HOST: '::1',
    });
    expect(plan).toMatchObject({ issuer: 'http://id.localhost:3010', url: 'http://[::1]:3010' });
    expect(plan.serviceEnv.ZITADEL_ISSUER).toBe('http://id.localhost:3010');
    expect(plan.identityEnv).not.toHaveProperty('DEV_IDENTITY_REDIRECT_URIS');
  });

  it.each<[string, EnvSource, Partial<IdentityPlan>]>([
    ['AUTH_PROVIDER=mock', { AUTH_PROVIDER: 'mock' }, { kind: 'configured', serviceEnv: {} }],
    [
      'their own ZITADEL_ISSUER, choosing oidc for them',
      { ZITADEL_ISSUER: 'https://kf.zitadel.cloud' },
      { kind: 'configured', serviceEnv: { AUTH_PROVIDER: 'oidc' } },
    ],
    [
      'their own ZITADEL_ISSUER with AUTH_PROVIDER',
      { ZITADEL_ISSUER: 'https://kf.zitadel.cloud', AUTH_PROVIDER: 'oidc' },
      { kind: 'configured', serviceEnv: {} },
    ],
    [
      'NODE_ENV=production, whatever else is set',
      { NODE_ENV: 'production', AUTH_PROVIDER: 'oidc' },
      { kind: 'configured', serviceEnv: {} },
    ],
  ])('starts no identity provider with %s', (_case, env, expected) => {
    expect(planIdentity(env)).toMatchObject(expected);
  });

  it('reads what CONFIG_FILE sets as set by the user', () => {
    const file = join(directory, 'config.json');
    writeFileSync(file, JSON.stringify({ AUTH_PROVIDER: 'mock' }));
    expect(planIdentity(loadEnvironment({ CONFIG_FILE: file })).kind).toBe('configured');
    writeFileSync(file, JSON.stringify({ OIDC_CLIENT_SECRET: 'my-own-web-client-secret' }));
    expect(development(loadEnvironment({ CONFIG_FILE: file })).serviceEnv).not.toHaveProperty(
      'OIDC_CLIENT_SECRET',
    );
  });

  it('refuses a malformed port or issuer, naming the variable', () => {
    expect(problemsOf({ DEV_IDENTITY_PORT: 'many', DEV_IDENTITY_ISSUER: 'ftp://id' })).toEqual([
      'DEV_IDENTITY_PORT: expected an integer, got "many"',
      'DEV_IDENTITY_ISSUER: expected a http: or https: URL, got "ftp://id"',
    ]);
  });
});
