import type { NamedMigration } from '@know-foolery/shared/database';
import { sql } from 'kysely';

/**
 * Question kinds in play (a game may leave out true/false questions; a served question keeps its
 * kind and accepted alternatives with the rest of its snapshot) and the judge's verdict on every
 * attempt, so a disputed answer can be reviewed later. Attempts recorded before this migration
 * have no verdict.
 */
export const questionKindsAndVerdicts: NamedMigration = {
  name: '0003-question-kinds-and-verdicts',
  async up(db) {
    await db.schema
      .alterTable('game_sessions')
      .addColumn('question_kinds', 'varchar(64)', (column) =>
        column.notNull().defaultTo('free_text,true_false'),
      )
      .execute();
    await db.schema
      .alterTable('game_questions')
      .addColumn('kind', 'varchar(16)', (column) =>
        column.notNull().defaultTo('free_text').check(sql`kind in ('free_text', 'true_false')`),
      )
      .execute();
    await db.schema
      .alterTable('game_questions')
      .addColumn('alternatives', 'text', (column) => column.notNull().defaultTo('[]'))
      .execute();
    await db.schema.alterTable('question_attempts').addColumn('verdict', 'varchar(16)').execute();
    await db.schema.alterTable('question_attempts').addColumn('verdict_explanation', 'text').execute();
  },
  async down(db) {
    await db.schema.alterTable('question_attempts').dropColumn('verdict_explanation').execute();
    await db.schema.alterTable('question_attempts').dropColumn('verdict').execute();
    await db.schema.alterTable('game_questions').dropColumn('alternatives').execute();
    await db.schema.alterTable('game_questions').dropColumn('kind').execute();
    await db.schema.alterTable('game_sessions').dropColumn('question_kinds').execute();
  },
};
