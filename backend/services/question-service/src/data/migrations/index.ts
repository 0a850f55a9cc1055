import type { MigrationSet } from '@know-foolery/shared/database';
import { createQuestions } from './0001-create-questions.js';
import { questionKinds } from './0002-question-kinds.js';

export const questionMigrations: MigrationSet = {
  historyTable: 'question_service_migrations',
  migrations: [createQuestions, questionKinds],
};
