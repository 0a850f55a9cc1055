import type { MigrationSet } from '@know-foolery/shared/database';
import { createUsers } from './0001-create-users.js';

export const userMigrations: MigrationSet = {
  historyTable: 'user_service_migrations',
  migrations: [createUsers],
};
