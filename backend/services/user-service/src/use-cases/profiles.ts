import type { AuthenticatedUser } from '@know-foolery/shared/auth';
import { badRequest, conflict } from '@know-foolery/shared/errors';
import type { Clock } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import { UserErrorCode } from '../contract/error-codes.js';
import type { UserDatabase } from '../data/schema.js';
import {
  DisplayNameTakenError,
  findUser,
  findUsers,
  insertUser,
  renameUser,
  type UserProfile,
} from '../data/user-repository.js';
import { candidateDisplayNames, checkDisplayName, displayNameKey } from '../domain/display-name.js';

export interface ProfileDeps {
  readonly db: Kysely<UserDatabase>;
  readonly clock: Clock;
}

/** The display names a new user may get, best first, each with its uniqueness key. */
export function newUserDisplayNames(
  subject: string,
  preferred: string | null,
): { readonly name: string; readonly key: string }[] {
  return candidateDisplayNames(subject, preferred).map((name) => ({ name, key: displayNameKey(name) }));
}

/** The caller's profile, created from their token on their first authenticated request. */
export async function ensureProfile(deps: ProfileDeps, user: AuthenticatedUser): Promise<UserProfile> {
  const existing = await findUser(deps.db, user.id);
  if (existing) return existing;
  const names = newUserDisplayNames(user.id, user.name);
  const created = await insertUser(deps.db, user.id, names, deps.clock.now());
  if (created) return created;
  const concurrent = await findUser(deps.db, user.id);
  if (!concurrent) throw new Error(`user ${user.id} vanished while being created`);
  return concurrent;
}

export async function changeDisplayName(
  deps: ProfileDeps,
  user: AuthenticatedUser,
  requested: string,
): Promise<UserProfile> {
  const checked = checkDisplayName(requested);
  if (!checked.ok) throw badRequest(checked.reason, UserErrorCode.invalidDisplayName);
  await ensureProfile(deps, user);
  try {
    const renamed = await renameUser(
      deps.db,
      user.id,
      checked.value,
      displayNameKey(checked.value),
      deps.clock.now(),
    );
    if (!renamed) throw new Error(`user ${user.id} vanished while being renamed`);
    return renamed;
  } catch (error) {
    if (error instanceof DisplayNameTakenError) {
      throw conflict(`the display name "${checked.value}" is taken`, UserErrorCode.displayNameTaken);
    }
    throw error;
  }
}

export function lookupProfiles(deps: ProfileDeps, ids: readonly string[]): Promise<UserProfile[]> {
  return findUsers(deps.db, [...new Set(ids)]);
}
