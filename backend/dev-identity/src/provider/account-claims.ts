import type { HumanUserRecord } from '../users/user-records.js';
import { claimsByScope, rolesClaims } from '../zitadel/claims.js';
import type { ProjectRole } from '../zitadel/project.js';

export type AccountClaims = { sub: string } & Record<string, unknown>;

/**
 * Everything the stand-in can say about a user, with Zitadel's claim names; the scopes granted decide
 * which of them a token or the userinfo answer carries.
 * Source: https://zitadel.com/docs/apis/openidoauth/claims
 */
export function accountClaims(
  user: HumanUserRecord,
  roles: readonly ProjectRole[],
  projectId: string,
): AccountClaims {
  return {
    sub: user.id,
    name: user.profile.displayName,
    given_name: user.profile.givenName,
    family_name: user.profile.familyName,
    nickname: user.profile.nickName,
    preferred_username: user.username,
    locale: user.profile.preferredLanguage,
    updated_at: Math.floor(user.changedAt.getTime() / 1000),
    email: user.email.email,
    email_verified: user.email.isVerified,
    ...rolesClaims(projectId, roles),
  };
}

/** The claims the granted scopes release, as the userinfo endpoint answers them. */
export function claimsForScopes(
  claims: AccountClaims,
  scopes: ReadonlySet<string>,
  projectId: string,
): AccountClaims {
  const released: AccountClaims = { sub: claims.sub };
  for (const [scope, names] of Object.entries(claimsByScope(projectId))) {
    if (!scopes.has(scope)) continue;
    for (const name of names) {
      if (claims[name] !== undefined) released[name] = claims[name];
    }
  }
  return released;
}
