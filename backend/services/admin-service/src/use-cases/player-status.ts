import type { CallContext } from '@know-foolery/shared/http-client';
import {
  accountView,
  type PlayerAccount,
  type PlayerAccountDeps,
  refuseOwnAccount,
} from './player-accounts.js';

export interface Deactivation {
  readonly player: PlayerAccount;
  /** How many of the player's sessions ended with it. */
  readonly sessionsEnded: number;
}

/**
 * The player can no longer sign in, and the sessions they hold end now rather than when their
 * tokens expire. An account already deactivated is left as it is, but its sessions are ended
 * again: a deactivation whose second step failed is completed by asking once more.
 */
export async function deactivatePlayer(
  deps: PlayerAccountDeps,
  playerId: string,
  actorId: string,
  context: CallContext,
): Promise<Deactivation> {
  refuseOwnAccount(actorId, playerId, 'deactivate their own account');
  const user = await deps.users.getUser(playerId, context);
  if (user.state !== 'inactive') await deps.users.deactivateUser(playerId, context);
  const sessionsEnded = await deps.sessions.endAll(playerId, 'deactivated', context);
  return { player: accountView({ ...user, state: 'inactive' }), sessionsEnded };
}

/** The player can sign in again; an account that is not deactivated is left as it is. */
export async function reactivatePlayer(
  deps: PlayerAccountDeps,
  playerId: string,
  context: CallContext,
): Promise<PlayerAccount> {
  const user = await deps.users.getUser(playerId, context);
  if (user.state !== 'inactive') return accountView(user);
  await deps.users.reactivateUser(playerId, context);
  return accountView({ ...user, state: 'active' });
}
