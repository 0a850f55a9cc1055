import type { RoleMapping } from '../../config/index.js';
import { ROLES, type Role } from '../types.js';
import { type Claims, isJsonObject, ownClaim, stringClaim } from './json-claims.js';

export interface RolePolicy {
  readonly projectId: string;
  readonly roleMap: readonly RoleMapping[];
  readonly userClientIds: readonly string[];
  readonly machineAdmins: readonly string[];
  readonly serviceUsers: readonly string[];
}

/**
 * Roles on the current project. Zitadel writes it for the project of the client the token was
 * issued to, which need not be this one: the project's own claim is used whenever present.
 */
export const CURRENT_PROJECT_ROLES_CLAIM = 'urn:zitadel:iam:org:project:roles';

export function projectRolesClaim(projectId: string): string {
  return `urn:zitadel:iam:org:project:${projectId}:roles`;
}

/**
 * The Zitadel roles granted on the project, from `{ "<role>": { "<orgId>": "<org domain>" } }`.
 * A claim of any other shape (Zitadel's documentation once showed a list) grants nothing.
 */
export function zitadelProjectRoles(claims: Claims, projectId: string): string[] {
  const ownProject = ownClaim(claims, projectRolesClaim(projectId));
  const grants = ownProject === undefined ? ownClaim(claims, CURRENT_PROJECT_ROLES_CLAIM) : ownProject;
  if (!isJsonObject(grants)) return [];
  return Object.keys(grants).filter((role) => isJsonObject(grants[role]));
}

/**
 * The platform roles a token holds: its Zitadel project roles through the role map, `admin` taken
 * back from a machine that is not a listed machine admin (a leaked service credential must not
 * curate the question bank), and `service` for the platform's own machine users.
 */
export function platformRoles(claims: Claims, subject: string, policy: RolePolicy): Role[] {
  const granted = new Set<Role>();
  for (const zitadelRole of zitadelProjectRoles(claims, policy.projectId)) {
    for (const mapping of policy.roleMap) {
      if (mapping.zitadelRole === zitadelRole) granted.add(mapping.platformRole);
    }
  }
  if (isMachineToken(claims, subject, policy) && !policy.machineAdmins.includes(subject)) {
    granted.delete('admin');
  }
  if (policy.serviceUsers.includes(subject)) granted.add('service');
  return ROLES.filter((role) => granted.has(role));
}

/**
 * A person's token is issued to an application people sign in through; any other (client
 * credentials, JWT profile, a personal access token) is a machine's. The client is RFC 9068's
 * `client_id`, or `azp`; a token naming neither counts as a machine's.
 */
export function isMachineToken(claims: Claims, subject: string, policy: RolePolicy): boolean {
  if (policy.serviceUsers.includes(subject)) return true;
  const client = stringClaim(claims, 'client_id') ?? stringClaim(claims, 'azp');
  return client === undefined || !policy.userClientIds.includes(client);
}
