import type { Timestamp } from '@know-foolery/shared/database';

/** A player's profile, keyed by the subject of their auth token. */
export interface UsersTable {
  id: string;
  display_name: string;
  /** Lower-cased display name: uniqueness ignores case. */
  display_name_key: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserDatabase {
  users: UsersTable;
}
