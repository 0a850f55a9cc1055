import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevIdentityProvider, startDevIdentityProvider } from '../src/index.js';
import { endpoint, jsonOf, publishedKeyIds } from './token-requests.js';

describe('discovery', () => {
  let provider: DevIdentityProvider;
  beforeAll(async () => {
    provider = await startDevIdentityProvider();
  });
  afterAll(() => provider.stop());

  it('names Zitadel’s endpoint paths', async () => {
    const discovery = await jsonOf(await fetch(endpoint(provider, '/.well-known/openid-configuration')));

    expect(discovery).toMatchObject({
      issuer: provider.issuer,
      authorization_endpoint: `${provider.issuer}/oauth/v2/authorize`,
      token_endpoint: `${provider.issuer}/oauth/v2/token`,
      introspection_endpoint: `${provider.issuer}/oauth/v2/introspect`,
      revocation_endpoint: `${provider.issuer}/oauth/v2/revoke`,
      jwks_uri: `${provider.issuer}/oauth/v2/keys`,
      userinfo_endpoint: `${provider.issuer}/oidc/v1/userinfo`,
      end_session_endpoint: `${provider.issuer}/oidc/v1/end_session`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.scopes_supported).toEqual(
      expect.arrayContaining([
        'openid',
        'profile',
        'email',
        'offline_access',
        `urn:zitadel:iam:org:project:id:${provider.projectId}:aud`,
        'urn:zitadel:iam:org:projects:roles',
      ]),
    );
  });

  it('publishes RS256 signing keys: the current one and the next one', async () => {
    const keys = await jsonOf(await fetch(endpoint(provider, '/oauth/v2/keys')));

    expect(keys.keys).toEqual([
      expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig' }),
      expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig' }),
    ]);
    expect(JSON.stringify(keys)).not.toMatch(/"d"|"p"|"q"/);
    expect(new Set(await publishedKeyIds(provider)).size).toBe(2);
  });

  it('takes an issuer that differs from where it listens', async () => {
    const behindProxy = await startDevIdentityProvider({ issuer: 'http://localhost:3010' });
    try {
      const discovery = await jsonOf(await fetch(endpoint(behindProxy, '/.well-known/openid-configuration')));
      expect(discovery.issuer).toBe('http://localhost:3010');
      expect(discovery.token_endpoint).toBe('http://localhost:3010/oauth/v2/token');
      expect(behindProxy.url).not.toBe(behindProxy.issuer);
    } finally {
      await behindProxy.stop();
    }
  });

  it('answers the health checks of Zitadel and of the platform', async () => {
    for (const path of ['/debug/healthz', '/debug/ready', '/health/live', '/health/ready']) {
      const response = await fetch(endpoint(provider, path));
      expect(response.status, path).toBe(200);
      await response.body?.cancel();
    }
  });

  it('refuses an issuer with a path, and token lifetimes that are not positive integers', async () => {
    await expect(startDevIdentityProvider({ issuer: 'http://localhost:3010/idp' })).rejects.toThrow(/origin/);
    await expect(startDevIdentityProvider({ accessTokenTtlSeconds: 0 })).rejects.toThrow(
      /accessTokenTtlSeconds/,
    );
    await expect(startDevIdentityProvider({ refreshTokenTtlSeconds: 1.5 })).rejects.toThrow(
      /refreshTokenTtlSeconds/,
    );
  });
});
