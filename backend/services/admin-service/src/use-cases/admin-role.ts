import type { MappableRole } from '@know-foolery/shared/config';
import type { CallContext } from '@know-foolery/shared/http-client';
import type { ProjectAuthorization } from '../clients/user-directory.js';
import {
  accountView,
  type PlayerAccount,
  type PlayerAccountDeps,
  refuseOwnAccount,
} from './player-accounts.js';

export interface RoleChange {
  readonly player: PlayerAccount;
  /** The platform roles the player's next token carries. */
  readonly roles: readonly MappableRole[];
  /** How many of the player's sessions ended, so that their next token says so. */
  readonly sessionsEnded: number;
}

function heldKeys(authorizations: readonly ProjectAuthorization[]): string[] {
  return authorizations.flatMap((authorization) => authorization.roleKeys);
}

/**
 * Makes the player an admin. A player who already is one is left as they are, sessions and all;
 * otherwise their sessions end, and their next sign-in carries the role.
 */
export async function grantAdminRole(
  deps: PlayerAccountDeps,
  playerId: string,
  context: CallContext,
): Promise<RoleChange> {
  const { users, roles } = deps;
  const user = await users.getUser(playerId, context);
  const authorizations = await users.projectAuthorizations(playerId, context);
  const held = heldKeys(authorizations);
  if (roles.holdsAdmin(held)) {
    return { player: accountView(user), roles: roles.platformRoles(held), sessionsEnded: 0 };
  }
  const [authorization] = authorizations;
  if (authorization === undefined) {
    await users.createAuthorization(user, [roles.adminKey], context);
  } else {
    await users.updateAuthorization(authorization.id, roles.withAdmin(authorization.roleKeys), context);
  }
  const sessionsEnded = await deps.sessions.endAll(playerId, 'roles_changed', context);
  return { player: accountView(user), roles: roles.platformRoles([...held, roles.adminKey]), sessionsEnded };
}

/**
 * Takes the admin role away, from every authorization that gives it. The player's sessions end
 * even when they held no admin role: tokens issued before an earlier revocation whose second step
 * failed may still say admin, and ending them is what takes the role away now.
 */
export async function revokeAdminRole(
  deps: PlayerAccountDeps,
  playerId: string,
  actorId: string,
  context: CallContext,
): Promise<RoleChange> {
  refuseOwnAccount(actorId, playerId, 'take away their own admin role');
  const { users, roles } = deps;
  const user = await users.getUser(playerId, context);
  const authorizations = await users.projectAuthorizations(playerId, context);
  for (const authorization of authorizations) {
    if (!roles.holdsAdmin(authorization.roleKeys)) continue;
    const remaining = roles.withoutAdmin(authorization.roleKeys);
    if (remaining.length === 0) await users.deleteAuthorization(authorization.id, context);
    else await users.updateAuthorization(authorization.id, remaining, context);
  }
  const sessionsEnded = await deps.sessions.endAll(playerId, 'roles_changed', context);
  return {
    player: accountView(user),
    roles: roles.platformRoles(roles.withoutAdmin(heldKeys(authorizations))),
    sessionsEnded,
  };
}
