import { DEV_ORGANIZATION, PROJECT_ROLES, type ProjectRole } from './project.js';

/**
 * Zitadel's reserved claims for a user's project roles.
 * Source: https://zitadel.com/docs/apis/openidoauth/claims (reserved claims). The docs' example shows an
 * array; Zitadel's source emits an object keyed by role, then by the granting organisation's id, whose
 * value is that organisation's primary domain, and that is the shape used here.
 */
export const ROLES_CLAIM = 'urn:zitadel:iam:org:project:roles';

export function projectRolesClaim(projectId: string): string {
  return `urn:zitadel:iam:org:project:${projectId}:roles`;
}

export type RolesClaimValue = Record<string, Record<string, string>>;

export function rolesClaimValue(roles: readonly ProjectRole[]): RolesClaimValue {
  const value: RolesClaimValue = {};
  for (const role of roles) value[role] = { [DEV_ORGANIZATION.id]: DEV_ORGANIZATION.primaryDomain };
  return value;
}

/** Both roles claims, or none when the user holds no role (Zitadel omits the claim then). */
export function rolesClaims(
  projectId: string,
  roles: readonly ProjectRole[],
): Record<string, RolesClaimValue> {
  if (roles.length === 0) return {};
  const value = rolesClaimValue(roles);
  return { [ROLES_CLAIM]: value, [projectRolesClaim(projectId)]: value };
}

/**
 * Zitadel's reserved scopes the stand-in accepts, besides the standard ones.
 * Source: https://zitadel.com/docs/apis/openidoauth/scopes
 */
export function zitadelScopes(projectId: string): string[] {
  return [
    `urn:zitadel:iam:org:project:id:${projectId}:aud`,
    'urn:zitadel:iam:org:project:id:zitadel:aud',
    'urn:zitadel:iam:org:projects:roles',
    ...PROJECT_ROLES.map((role) => `urn:zitadel:iam:org:project:role:${role}`),
  ];
}

export const STANDARD_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/**
 * Which claims each scope releases, for the ID token and userinfo. The roles claims ride on `openid`:
 * the stand-in behaves like a Zitadel project with "assert roles on authentication" switched on.
 */
export function claimsByScope(projectId: string): Record<string, string[]> {
  return {
    // amr comes from the sign-in, not the account: oidc-provider puts it in ID tokens only.
    openid: ['sub', 'amr', ROLES_CLAIM, projectRolesClaim(projectId)],
    profile: ['name', 'given_name', 'family_name', 'nickname', 'preferred_username', 'locale', 'updated_at'],
    email: ['email', 'email_verified'],
  };
}
