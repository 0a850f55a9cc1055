import type { Kysely } from 'kysely';
import type { UserDatabase } from '../src/data/schema.js';
import { insertUser, type UserProfile } from '../src/data/user-repository.js';
import { displayNameKey } from '../src/domain/display-name.js';

let sequence = 0;

/** A stored profile with its own subject and display name; either can be set. */
export async function aUser(
  db: Kysely<UserDatabase>,
  overrides: { id?: string; displayName?: string; createdAt?: Date } = {},
): Promise<UserProfile> {
  sequence += 1;
  const id = overrides.id ?? `factory-user-${sequence}`;
  const name = overrides.displayName ?? `Factory Player ${sequence}`;
  const created = await insertUser(
    db,
    id,
    [{ name, key: displayNameKey(name) }],
    overrides.createdAt ?? new Date(),
  );
  if (created === undefined) throw new Error(`a user ${id} exists already`);
  return created;
}
