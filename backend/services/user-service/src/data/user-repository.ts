import { isUniqueViolation, toDate } from '@know-foolery/shared/database';
import type { Kysely, Selectable } from 'kysely';
import type { UserDatabase, UsersTable } from './schema.js';

export interface UserProfile {
  readonly id: string;
  readonly displayName: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

function toProfile(row: Selectable<UsersTable>): UserProfile {
  return {
    id: row.id,
    displayName: row.display_name,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
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
 * Creates the user with the first free display name. Returns undefined when another request
 * created the same user first, so the caller reads that one.
 */
export async function insertUser(
  db: Kysely<UserDatabase>,
  id: string,
  displayNames: readonly { readonly name: string; readonly key: string }[],
  now: Date,
): Promise<UserProfile | undefined> {
  for (const { name, key } of displayNames) {
    const row = await db
      .insertInto('users')
      .values({ id, display_name: name, display_name_key: key, created_at: now, updated_at: now })
      .onConflict((conflict) => conflict.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) return toProfile(row);
    if (await findUser(db, id)) return undefined;
  }
  throw new DisplayNameTakenError();
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
