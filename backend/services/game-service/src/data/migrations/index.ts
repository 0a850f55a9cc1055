import type { MigrationSet } from '@know-foolery/shared/database';
import { createGames } from './0001-create-games.js';
import { oneOpenQuestionPerGame } from './0002-one-open-question-per-game.js';
import { questionKindsAndVerdicts } from './0003-question-kinds-and-verdicts.js';

export const gameMigrations: MigrationSet = {
  historyTable: 'game_service_migrations',
  migrations: [createGames, oneOpenQuestionPerGame, questionKindsAndVerdicts],
};
