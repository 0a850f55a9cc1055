import type { MigrationSet } from '@know-foolery/shared/database';
import { createUsers } from './0001-create-users.js';
import { addIdentityProfile } from './0002-add-identity-profile.js';

export const userMigrations: MigrationSet = {
  historyTable: 'user_service_migrations',
  migrations: [createUsers, addIdentityProfile],
};
