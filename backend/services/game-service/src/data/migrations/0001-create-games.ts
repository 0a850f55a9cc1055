import type { NamedMigration } from '@know-foolery/shared/database';
import { sql } from 'kysely';

export const createGames: NamedMigration = {
  name: '0001-create-games',
  async up(db) {
    await db.schema
      .createTable('game_sessions')
      .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
      .addColumn('user_id', 'varchar(128)', (column) => column.notNull())
      .addColumn('status', 'varchar(10)', (column) =>
        column.notNull().check(sql`status in ('active', 'finished', 'expired', 'exhausted')`),
      )
      .addColumn('theme', 'varchar(64)')
      .addColumn('difficulty', 'varchar(6)')
      .addColumn('score', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('questions_answered', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('started_at', 'timestamptz', (column) => column.notNull())
      .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
      .addColumn('ended_at', 'timestamptz')
      .addColumn('end_reason', 'varchar(10)')
      .addColumn('score_recorded', 'boolean', (column) => column.notNull().defaultTo(false))
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('game_sessions_user_status_idx')
      .on('game_sessions')
      .columns(['user_id', 'status'])
      .execute();
    // One game in play per player, held by the database even when two starts race.
    await db.schema
      .createIndex('game_sessions_one_active_per_player')
      .on('game_sessions')
      .column('user_id')
      .unique()
      .where(sql.ref('status'), '=', 'active')
      .execute();
    await db.schema
      .createIndex('game_sessions_status_expiry_idx')
      .on('game_sessions')
      .columns(['status', 'expires_at'])
      .execute();

    await db.schema
      .createTable('game_questions')
      .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
      .addColumn('game_id', 'varchar(36)', (column) =>
        column.notNull().references('game_sessions.id').onDelete('cascade'),
      )
      .addColumn('question_id', 'varchar(128)', (column) => column.notNull())
      .addColumn('sequence', 'integer', (column) => column.notNull())
      .addColumn('theme', 'varchar(64)', (column) => column.notNull())
      .addColumn('difficulty', 'varchar(6)', (column) => column.notNull())
      .addColumn('text', 'text', (column) => column.notNull())
      .addColumn('answer', 'varchar(200)', (column) => column.notNull())
      .addColumn('hint', 'text')
      .addColumn('attempts_used', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('hint_shown', 'boolean', (column) => column.notNull().defaultTo(false))
      .addColumn('settled', 'boolean', (column) => column.notNull().defaultTo(false))
      .addColumn('correct', 'boolean', (column) => column.notNull().defaultTo(false))
      .addColumn('points_awarded', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('served_at', 'timestamptz', (column) => column.notNull())
      .addColumn('settled_at', 'timestamptz')
      .addUniqueConstraint('game_questions_once_per_game', ['game_id', 'question_id'])
      .addUniqueConstraint('game_questions_sequence', ['game_id', 'sequence'])
      .execute();
    await db.schema
      .createIndex('game_questions_question_idx')
      .on('game_questions')
      .column('question_id')
      .execute();

    await db.schema
      .createTable('question_attempts')
      .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
      .addColumn('game_id', 'varchar(36)', (column) =>
        column.notNull().references('game_sessions.id').onDelete('cascade'),
      )
      .addColumn('game_question_id', 'varchar(36)', (column) =>
        column.notNull().references('game_questions.id').onDelete('cascade'),
      )
      .addColumn('question_id', 'varchar(128)', (column) => column.notNull())
      .addColumn('user_id', 'varchar(128)', (column) => column.notNull())
      .addColumn('answer_given', 'varchar(200)', (column) => column.notNull())
      .addColumn('is_correct', 'boolean', (column) => column.notNull())
      .addColumn('attempt_number', 'integer', (column) => column.notNull())
      .addColumn('hint_shown', 'boolean', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .addUniqueConstraint('question_attempts_number', ['game_question_id', 'attempt_number'])
      .execute();
    await db.schema
      .createIndex('question_attempts_question_idx')
      .on('question_attempts')
      .column('question_id')
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('question_attempts').execute();
    await db.schema.dropTable('game_questions').execute();
    await db.schema.dropTable('game_sessions').execute();
  },
};
