import type { MigrationSet } from '@know-foolery/shared/database';
import { createGames } from './0001-create-games.js';

export const gameMigrations: MigrationSet = {
  historyTable: 'game_service_migrations',
  migrations: [createGames],
};
