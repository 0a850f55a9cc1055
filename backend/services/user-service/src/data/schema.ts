import type { Flag, Timestamp } from '@know-foolery/shared/database';
import type { ColumnType } from 'kysely';

/** A column that may hold nothing: read as written, or null. */
type Nullable<Column> =
  Column extends ColumnType<infer Read, infer Insert, infer Update>
    ? ColumnType<Read | null, Insert | null | undefined, Update | null>
    : never;
type NullableText = Nullable<ColumnType<string, string, string>>;

/** A player's profile, keyed by the subject of their auth token. */
export interface UsersTable {
  id: string;
  display_name: string;
  /** Lower-cased display name: uniqueness ignores case. */
  display_name_key: string;
  created_at: Timestamp;
  /** When the display name last changed. */
  updated_at: Timestamp;
  /** What the identity provider said at the last sign-in (`name`, `preferred_username`, ...). */
  identity_name: NullableText;
  preferred_username: NullableText;
  email: NullableText;
  email_verified: Nullable<Flag>;
  locale: NullableText;
  /** When a sign-in last refreshed the columns above; null before the first. */
  identity_refreshed_at: Nullable<Timestamp>;
}

export interface UserDatabase {
  users: UsersTable;
}
