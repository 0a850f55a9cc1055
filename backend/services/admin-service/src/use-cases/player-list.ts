import type { MappableRole } from '@know-foolery/shared/config';
import type { CallContext } from '@know-foolery/shared/http-client';
import { accountView, type PlayerAccount, type PlayerAccountDeps } from './player-accounts.js';

export interface PlayerSearch {
  readonly limit: number;
  readonly offset: number;
  /** Part of the player's login name (their username), in any case. */
  readonly q?: string | undefined;
}

export interface ListedPlayer extends PlayerAccount {
  /** The platform roles the player's project authorization gives. */
  readonly roles: readonly MappableRole[];
}

export interface PlayerPage {
  readonly items: readonly ListedPlayer[];
  /** How many of the project's authorizations match, each normally a player of its own. */
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/**
 * The project's players: a page of the authorizations given in the project, oldest first, then
 * those users' accounts. A user of the page whose account is not listed is left out: a machine
 * user given a role (a service account, nobody's to manage here), or a user deleted in between.
 * A player authorized twice (through a grant of the project to another organisation) is listed
 * once on the page, with the roles of both.
 */
export async function listPlayers(
  deps: PlayerAccountDeps,
  search: PlayerSearch,
  context: CallContext,
): Promise<PlayerPage> {
  const { limit, offset } = search;
  const page = await deps.users.listProjectAuthorizations(
    { offset, limit, loginNameContains: search.q },
    context,
  );
  const roleKeys = new Map<string, string[]>();
  for (const authorization of page.authorizations) {
    roleKeys.set(authorization.userId, [
      ...(roleKeys.get(authorization.userId) ?? []),
      ...authorization.roleKeys,
    ]);
  }
  const users = roleKeys.size === 0 ? [] : await deps.users.findUsers([...roleKeys.keys()], context);
  const accounts = new Map(users.map((user) => [user.id, user]));
  const items = [...roleKeys].flatMap(([userId, keys]) => {
    const user = accounts.get(userId);
    return user === undefined ? [] : [{ ...accountView(user), roles: deps.roles.platformRoles(keys) }];
  });
  return { items, total: page.total, limit, offset };
}
