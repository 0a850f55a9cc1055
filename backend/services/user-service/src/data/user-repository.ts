import { isUniqueViolation, toBoolean, toDate } from '@know-foolery/shared/database';
import type { Kysely, Selectable } from 'kysely';
import type { UserDatabase, UsersTable } from './schema.js';

/** What the identity provider says of a player; null for what it did not say. */
export interface IdentityDetails {
  readonly name: string | null;
  readonly preferredUsername: string | null;
  readonly email: string | null;
  readonly emailVerified: boolean | null;
  readonly locale: string | null;
}

export interface UserProfile {
  readonly id: string;
  readonly displayName: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** What the last sign-in through the identity provider said, and when; null before the first. */
  readonly identity: (IdentityDetails & { readonly refreshedAt: Date }) | null;
}

function toProfile(row: Selectable<UsersTable>): UserProfile {
  return {
    id: row.id,
    displayName: row.display_name,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    identity:
      row.identity_refreshed_at === null
        ? null
        : {
            name: row.identity_name,
            preferredUsername: row.preferred_username,
            email: row.email,
            emailVerified: row.email_verified === null ? null : toBoolean(row.email_verified),
            locale: row.locale,
            refreshedAt: toDate(row.identity_refreshed_at),
          },
  };
}

/** The identity columns as written: what the provider said, and when. */
function identityColumns(identity: IdentityDetails, refreshedAt: Date) {
  return {
    identity_name: identity.name,
    preferred_username: identity.preferredUsername,
    email: identity.email,
    email_verified: identity.emailVerified,
    locale: identity.locale,
    identity_refreshed_at: refreshedAt,
  };
}

export class DisplayNameTakenError extends Error {
  constructor() {
    super('display name taken');
    this.name = 'DisplayNameTakenError';
  }
}

export async function findUser(db: Kysely<UserDatabase>, id: string): Promise<UserProfile | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toProfile(row);
}

export async function findUsers(db: Kysely<UserDatabase>, ids: readonly string[]): Promise<UserProfile[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
  return rows.map(toProfile);
}

/**
 * Creates the user with the first free display name, and what the identity provider said of them
 * when a sign-in creates it. Returns undefined when another request created the same user first,
 * so the caller reads (or refreshes) that one.
 */
export async function insertUser(
  db: Kysely<UserDatabase>,
  id: string,
  displayNames: readonly { readonly name: string; readonly key: string }[],
  now: Date,
  identity?: IdentityDetails,
): Promise<UserProfile | undefined> {
  const fromIdentity = identity === undefined ? {} : identityColumns(identity, now);
  for (const { name, key } of displayNames) {
    const row = await db
      .insertInto('users')
      .values({
        id,
        display_name: name,
        display_name_key: key,
        created_at: now,
        updated_at: now,
        ...fromIdentity,
      })
      .onConflict((conflict) => conflict.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) return toProfile(row);
    if (await findUser(db, id)) return undefined;
  }
  throw new DisplayNameTakenError();
}

/** Replaces what the identity provider said of an existing user; undefined when there is no such user. */
export async function refreshIdentity(
  db: Kysely<UserDatabase>,
  id: string,
  identity: IdentityDetails,
  now: Date,
): Promise<UserProfile | undefined> {
  const row = await db
    .updateTable('users')
    .set(identityColumns(identity, now))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toProfile(row);
}

export async function renameUser(
  db: Kysely<UserDatabase>,
  id: string,
  displayName: string,
  key: string,
  now: Date,
): Promise<UserProfile | undefined> {
  try {
    const row = await db
      .updateTable('users')
      .set({ display_name: displayName, display_name_key: key, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toProfile(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DisplayNameTakenError();
    throw error;
  }
}
