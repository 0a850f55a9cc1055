import type { MigrationSet } from '@know-foolery/shared/database';
import { createScores } from './0001-create-scores.js';

export const leaderboardMigrations: MigrationSet = {
  historyTable: 'leaderboard_service_migrations',
  migrations: [createScores],
};
