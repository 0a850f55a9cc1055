import { forbidden } from '@know-foolery/shared/errors';
import type { CallContext } from '@know-foolery/shared/http-client';
import type { PlayerSessions } from '../clients/player-sessions.js';
import type { DirectoryUser, UserDirectory } from '../clients/user-directory.js';
import { AdminErrorCode } from '../contract/error-codes.js';
import type { ProjectRoles } from '../domain/project-roles.js';

export interface PlayerAccountDeps {
  readonly users: UserDirectory;
  readonly sessions: PlayerSessions;
  readonly roles: ProjectRoles;
}

/** A player's account as an admin sees it. */
export type PlayerAccount = Omit<DirectoryUser, 'organizationId'>;

export function accountView(user: DirectoryUser): PlayerAccount {
  const { organizationId: _organization, ...account } = user;
  return account;
}

/**
 * An admin who deactivated themself or took away their own admin role could not undo it: the
 * platform could be left with no admin at all.
 */
export function refuseOwnAccount(actorId: string, playerId: string, action: string): void {
  if (actorId === playerId)
    throw forbidden(`an admin may not ${action}: ask another admin`, AdminErrorCode.ownAccountProtected);
}

export async function findPlayer(
  deps: PlayerAccountDeps,
  playerId: string,
  context: CallContext,
): Promise<PlayerAccount> {
  return accountView(await deps.users.getUser(playerId, context));
}
