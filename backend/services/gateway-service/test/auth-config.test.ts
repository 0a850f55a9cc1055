import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { DEVELOPMENT_STATE_KEY } from '../src/sign-in/sign-in-config.js';

const CLIENT_SECRET = 'know-foolery-web-development-secret';
const STATE_KEY = randomBytes(32).toString('base64url');

/** What AUTH_PROVIDER=oidc needs besides the sign-in settings: the verifier's own variables. */
const OIDC = {
  AUTH_PROVIDER: 'oidc',
  ZITADEL_ISSUER: 'https://issuer.example.org',
  ZITADEL_PROJECT_ID: '300000000000000001',
  ZITADEL_USER_CLIENT_IDS: 'know-foolery-web',
  ZITADEL_SERVICE_CLIENT_ID: 'know-foolery-services',
  ZITADEL_SERVICE_CLIENT_SECRET: 'know-foolery-services-development-secret',
  OIDC_CLIENT_ID: 'know-foolery-web',
  OIDC_CLIENT_SECRET: CLIENT_SECRET,
} as const;

const PRODUCTION = {
  ...OIDC,
  NODE_ENV: 'production',
  OIDC_REDIRECT_URI: 'https://play.example.org/api/v1/auth/callback',
  OIDC_POST_LOGOUT_REDIRECT_URI: 'https://play.example.org/',
  OIDC_STATE_KEY: STATE_KEY,
} as const;

describe('the sign-in configuration', () => {
  it('is absent with the mock provider, whatever OIDC_ variables are set', () => {
    expect(loadConfig({ OIDC_CLIENT_ID: 'know-foolery-web' }).signIn).toBeNull();
  });

  it("has development defaults: the gateway's callback on localhost, Zitadel's scopes for the project", () => {
    const signIn = loadConfig(OIDC).signIn;
    expect(signIn).toMatchObject({
      clientId: 'know-foolery-web',
      redirectUri: 'http://localhost:3000/api/v1/auth/callback',
      postLogoutRedirectUri: 'http://localhost:3000/',
      scopes: [
        'openid',
        'profile',
        'email',
        'offline_access',
        'urn:zitadel:iam:org:project:id:300000000000000001:aud',
        'urn:zitadel:iam:org:projects:roles',
      ],
    });
    expect(signIn?.secrets.clientSecret).toBe(CLIENT_SECRET);
    expect(signIn?.secrets.stateKey.equals(DEVELOPMENT_STATE_KEY)).toBe(true);
  });

  it('takes production settings, and keeps its secrets out of anything that prints the configuration', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.signIn?.secrets.stateKey.toString('base64url')).toBe(STATE_KEY);
    expect(config.signIn?.redirectUri).toBe('https://play.example.org/api/v1/auth/callback');
    const printed = JSON.stringify(config);
    expect(printed).not.toContain(CLIENT_SECRET);
    expect(printed).not.toContain(STATE_KEY);
  });

  it('reads the scopes as a space-separated list that must ask for openid', () => {
    expect(loadConfig({ ...OIDC, OIDC_SCOPES: 'openid  profile' }).signIn?.scopes).toEqual([
      'openid',
      'profile',
    ]);
    expect(() => loadConfig({ ...OIDC, OIDC_SCOPES: 'profile email' })).toThrow(
      /OIDC_SCOPES: must include openid/,
    );
  });

  it.each([
    [{ ...OIDC, OIDC_CLIENT_ID: undefined }, /OIDC_CLIENT_ID: is required when AUTH_PROVIDER=oidc/],
    [{ ...OIDC, OIDC_CLIENT_ID: 'web client' }, /OIDC_CLIENT_ID: expected a client id/],
    [{ ...OIDC, OIDC_CLIENT_SECRET: undefined }, /OIDC_CLIENT_SECRET: is required when AUTH_PROVIDER=oidc/],
    [{ ...OIDC, OIDC_CLIENT_SECRET: 'short' }, /OIDC_CLIENT_SECRET: must be at least 16 bytes/],
    [{ ...OIDC, OIDC_REDIRECT_URI: 'localhost:3000/cb' }, /OIDC_REDIRECT_URI: expected an absolute/],
    [
      { ...OIDC, OIDC_REDIRECT_URI: 'http://localhost:3000/callback' },
      /OIDC_REDIRECT_URI: must be the gateway's \/api\/v1\/auth\/callback/,
    ],
    [
      { ...OIDC, OIDC_REDIRECT_URI: 'http://localhost:3000/api/v1/auth/callback?x=1' },
      /OIDC_REDIRECT_URI: must be the gateway's/,
    ],
    [{ ...OIDC, OIDC_POST_LOGOUT_REDIRECT_URI: 'http://localhost:3000/#top' }, /no fragment/],
    [{ ...OIDC, OIDC_STATE_KEY: 'c2hvcnQ' }, /OIDC_STATE_KEY: expected exactly 32 bytes in base64url/],
    [
      { ...PRODUCTION, OIDC_REDIRECT_URI: undefined },
      /OIDC_REDIRECT_URI: is required when NODE_ENV=production/,
    ],
    [
      { ...PRODUCTION, OIDC_POST_LOGOUT_REDIRECT_URI: undefined },
      /OIDC_POST_LOGOUT_REDIRECT_URI: is required when NODE_ENV=production/,
    ],
    [
      { ...PRODUCTION, OIDC_REDIRECT_URI: 'http://play.example.org/api/v1/auth/callback' },
      /OIDC_REDIRECT_URI: expected an absolute https: URL/,
    ],
    [{ ...PRODUCTION, OIDC_STATE_KEY: undefined }, /OIDC_STATE_KEY: is required when NODE_ENV=production/],
    [
      { ...PRODUCTION, OIDC_STATE_KEY: DEVELOPMENT_STATE_KEY.toString('base64url') },
      /OIDC_STATE_KEY: the development key cannot be used/,
    ],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never names the state key in its refusal, even a malformed one', () => {
    const malformed = `${STATE_KEY}!`;
    expect(() => loadConfig({ ...OIDC, OIDC_STATE_KEY: malformed })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(malformed) }),
    );
  });
});
