import { describe, expect, it } from 'vitest';
import { accessTokenUser } from '../src/auth/oidc/access-token-user.js';
import { checkIntrospectedClaims } from '../src/auth/oidc/introspected-claims.js';
import { CURRENT_PROJECT_ROLES_CLAIM, type RolePolicy } from '../src/auth/oidc/zitadel-roles.js';
import { InvalidTokenError } from '../src/auth/types.js';

/** Seconds since the epoch of the checks' clock. */
const NOW = 1_750_000_000;
const TOLERANCE = 5;
const LIFETIME = 3_600;
const rules = {
  issuer: 'https://id.example.org',
  audience: 'project',
  clockToleranceSeconds: TOLERANCE,
  maxTokenLifetimeSeconds: LIFETIME,
  now: () => new Date(NOW * 1000),
};
const active = { iss: rules.issuer, aud: 'project', iat: NOW - 60, exp: NOW + 60 };

const refusal = (check: () => unknown): string | null => {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.message.replace(/^invalid token: /, '');
    throw error;
  }
};
const introspected = (claims: Readonly<Record<string, unknown>>) =>
  refusal(() => checkIntrospectedClaims({ ...active, ...claims }, rules));

describe('the claims of an active introspection answer, on each edge of the clock', () => {
  it('expires a token exactly at its exp, less the tolerance, and not a second before', () => {
    expect(introspected({ exp: NOW - TOLERANCE })).toBe('the token has expired');
    expect(introspected({ exp: NOW - TOLERANCE + 1 })).toBeNull();
  });

  it('takes a token whose nbf is within the tolerance ahead, refuses one a second beyond', () => {
    expect(introspected({ nbf: NOW + TOLERANCE })).toBeNull();
    expect(introspected({ nbf: NOW + TOLERANCE + 1 })).toBe('the token is not valid yet');
    expect(introspected({ nbf: '0' })).toBe('the token is not valid yet');
  });

  it('takes a token issued within the tolerance ahead, refuses one issued a second beyond', () => {
    expect(introspected({ iat: NOW + TOLERANCE })).toBeNull();
    expect(introspected({ iat: NOW + TOLERANCE + 1 })).toBe('the token was issued in the future');
  });

  it('bounds the age of a token by the longest lifetime, plus the tolerance, to the second', () => {
    expect(introspected({ iat: NOW - LIFETIME - TOLERANCE })).toBeNull();
    expect(introspected({ iat: NOW - LIFETIME - TOLERANCE - 1 })).toBe('the token has expired');
  });
});

const policy: RolePolicy = {
  projectId: 'project',
  roleMap: [{ zitadelRole: 'player', platformRole: 'player' }],
  userClientIds: ['web'],
  machineAdmins: [],
  serviceUsers: [],
};
const playerClaims = {
  sub: 'u-1',
  client_id: 'web',
  iat: NOW,
  exp: NOW + LIFETIME,
  [CURRENT_PROJECT_ROLES_CLAIM]: { player: { org: 'example.org' } },
};
const user = (claims: Readonly<Record<string, unknown>>) =>
  accessTokenUser({ ...playerClaims, ...claims }, policy, LIFETIME);

describe('the caller a token stands for, on the edges of its claims', () => {
  it('takes a token that lives exactly the longest lifetime, refuses one a second longer', () => {
    expect(user({}).expiresAt).toEqual(new Date((NOW + LIFETIME) * 1000));
    expect(refusal(() => user({ exp: NOW + LIFETIME + 1 }))).toBe(
      `the token lives longer than the ${LIFETIME} seconds allowed`,
    );
  });

  it('refuses a token without iat, or without exp', () => {
    for (const missing of [{ iat: undefined }, { exp: undefined }]) {
      expect(refusal(() => user(missing))).toBe(
        `the token lives longer than the ${LIFETIME} seconds allowed`,
      );
    }
  });

  it('refuses a subject of spaces alone', () => {
    expect(refusal(() => user({ sub: '   ' }))).toBe('the "sub" claim must be a non-empty string');
  });

  it('shows a name of up to 64 characters, emoji counted as one; a blank or longer one gives way to the login name', () => {
    const longest = `${'😀'.repeat(4)}${'a'.repeat(60)}`;
    expect(user({ name: longest }).name).toBe(longest);
    expect(user({ name: `${longest}a`, preferred_username: 'jo' }).name).toBe('jo');
    expect(user({ name: '  ', preferred_username: 'jo' }).name).toBe('jo');
    expect(user({ name: '  ' }).name).toBeNull();
  });
});
