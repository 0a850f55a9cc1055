import type { NamedMigration } from '@know-foolery/shared/database';

/**
 * What the identity provider says of each player, refreshed at every sign-in: all nullable, as
 * profiles made before (or without) a sign-in through it have none of it. Lengths follow the
 * contract (`IDENTITY_NAME_MAX_LENGTH`, `EMAIL_MAX_LENGTH`, `LOCALE_MAX_LENGTH`). One column per
 * statement: SQLite adds one at a time.
 */
const COLUMNS = [
  ['identity_name', 'varchar(200)'],
  ['preferred_username', 'varchar(200)'],
  ['email', 'varchar(254)'],
  ['email_verified', 'boolean'],
  ['locale', 'varchar(35)'],
  ['identity_refreshed_at', 'timestamptz'],
] as const;

export const addIdentityProfile: NamedMigration = {
  name: '0002-add-identity-profile',
  async up(db) {
    for (const [name, type] of COLUMNS) {
      await db.schema.alterTable('users').addColumn(name, type).execute();
    }
  },
  async down(db) {
    for (const [name] of [...COLUMNS].reverse()) {
      await db.schema.alterTable('users').dropColumn(name).execute();
    }
  },
};
