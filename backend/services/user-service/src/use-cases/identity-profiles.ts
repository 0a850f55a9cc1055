import { notFound } from '@know-foolery/shared/errors';
import { UserErrorCode } from '../contract/error-codes.js';
import {
  findUser,
  type IdentityDetails,
  insertUser,
  refreshIdentity,
  type UserProfile,
} from '../data/user-repository.js';
import { checkDisplayName } from '../domain/display-name.js';
import { newUserDisplayNames, type ProfileDeps } from './profiles.js';

export interface RefreshedProfile {
  readonly profile: UserProfile;
  /** Whether this sign-in made the profile: the player's first. */
  readonly created: boolean;
}

/** The identity's name, else its username, when one of them makes a display name. */
function preferredDisplayName(identity: IdentityDetails): string | null {
  const usable = [identity.name, identity.preferredUsername].find(
    (candidate) => candidate !== null && checkDisplayName(candidate).ok,
  );
  return usable ?? null;
}

/**
 * Creates or refreshes a player's profile with what the identity provider said at sign-in. A new
 * profile's display name is made from the identity's name (or username) as a first game's is from
 * the token; an existing profile keeps its display name, which is the player's own to change.
 */
export async function refreshIdentityProfile(
  deps: ProfileDeps,
  userId: string,
  identity: IdentityDetails,
): Promise<RefreshedProfile> {
  const now = deps.clock.now();
  const refreshed = await refreshIdentity(deps.db, userId, identity, now);
  if (refreshed) return { profile: refreshed, created: false };
  const names = newUserDisplayNames(userId, preferredDisplayName(identity));
  const created = await insertUser(deps.db, userId, names, now, identity);
  if (created) return { profile: created, created: true };
  // Another request created the user between the two statements: refresh that one.
  const concurrent = await refreshIdentity(deps.db, userId, identity, now);
  if (!concurrent) throw new Error(`user ${userId} vanished while being created`);
  return { profile: concurrent, created: false };
}

export async function identityProfileOf(deps: ProfileDeps, userId: string): Promise<UserProfile> {
  const profile = await findUser(deps.db, userId);
  if (profile === undefined) throw notFound(`no user ${userId} is known`, UserErrorCode.userNotFound);
  return profile;
}
