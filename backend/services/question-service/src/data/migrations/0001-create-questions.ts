import type { NamedMigration } from '@know-foolery/shared/database';
import { sql } from 'kysely';

export const createQuestions: NamedMigration = {
  name: '0001-create-questions',
  async up(db) {
    await db.schema
      .createTable('questions')
      .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
      .addColumn('theme', 'varchar(64)', (column) => column.notNull())
      .addColumn('text', 'text', (column) => column.notNull())
      .addColumn('answer', 'varchar(200)', (column) => column.notNull())
      .addColumn('hint', 'text')
      .addColumn('difficulty', 'varchar(6)', (column) =>
        column.notNull().defaultTo('medium').check(sql`difficulty in ('easy', 'medium', 'hard')`),
      )
      .addColumn('is_active', 'boolean', (column) => column.notNull().defaultTo(true))
      .addColumn('content_key', 'varchar(64)', (column) => column.notNull().unique())
      .addColumn('random_key', 'double precision', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('questions_theme_idx').on('questions').column('theme').execute();
    await db.schema.createIndex('questions_difficulty_idx').on('questions').column('difficulty').execute();
    await db.schema.createIndex('questions_is_active_idx').on('questions').column('is_active').execute();
    await db.schema.createIndex('questions_created_at_idx').on('questions').column('created_at').execute();
    // Drawing filters on activity, theme and difficulty, then walks random_key: one index serves it.
    await db.schema
      .createIndex('questions_draw_idx')
      .on('questions')
      .columns(['is_active', 'theme', 'difficulty', 'random_key'])
      .execute();
    await db.schema
      .createIndex('questions_random_key_idx')
      .on('questions')
      .columns(['is_active', 'random_key'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('questions').execute();
  },
};
