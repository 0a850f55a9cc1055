import type { NamedMigration } from '@know-foolery/shared/database';

export const createScores: NamedMigration = {
  name: '0001-create-scores',
  async up(db) {
    await db.schema
      .createTable('scores')
      .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
      .addColumn('game_id', 'varchar(128)', (column) => column.notNull().unique())
      .addColumn('user_id', 'varchar(128)', (column) => column.notNull())
      .addColumn('score', 'integer', (column) => column.notNull())
      .addColumn('finished_at', 'timestamptz', (column) => column.notNull())
      .execute();
    // Weekly boards read one period's rows; a player's own best reads their rows by score.
    await db.schema.createIndex('scores_finished_at_idx').on('scores').column('finished_at').execute();
    await db.schema.createIndex('scores_user_score_idx').on('scores').columns(['user_id', 'score']).execute();
  },
  async down(db) {
    await db.schema.dropTable('scores').execute();
  },
};
