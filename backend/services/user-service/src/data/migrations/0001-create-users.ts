import type { NamedMigration } from '@know-foolery/shared/database';

export const createUsers: NamedMigration = {
  name: '0001-create-users',
  async up(db) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'varchar(128)', (column) => column.primaryKey())
      .addColumn('display_name', 'varchar(32)', (column) => column.notNull())
      .addColumn('display_name_key', 'varchar(32)', (column) => column.notNull().unique())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('users').execute();
  },
};
