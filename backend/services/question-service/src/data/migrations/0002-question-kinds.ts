import type { NamedMigration } from '@know-foolery/shared/database';
import { sql } from 'kysely';

/**
 * How a question is played (`kind`), the other answers it accepts (`alternatives`, a JSON array of
 * strings), and why it waits for a curator (`review_reason`). SQLite adds one column per statement.
 */
export const questionKinds: NamedMigration = {
  name: '0002-question-kinds',
  async up(db) {
    await db.schema
      .alterTable('questions')
      .addColumn('kind', 'varchar(16)', (column) =>
        column.notNull().defaultTo('free_text').check(sql`kind in ('free_text', 'true_false')`),
      )
      .execute();
    await db.schema
      .alterTable('questions')
      .addColumn('alternatives', 'text', (column) => column.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .alterTable('questions')
      .addColumn('review_reason', 'varchar(32)', (column) =>
        column.check(sql`review_reason in ('needs_options')`),
      )
      .execute();
    // A game that leaves out a kind draws through these the way an unfiltered one draws through
    // questions_random_key_idx and questions_draw_idx: equality columns first, then random_key.
    await db.schema
      .createIndex('questions_kind_random_key_idx')
      .on('questions')
      .columns(['is_active', 'kind', 'random_key'])
      .execute();
    await db.schema
      .createIndex('questions_kind_draw_idx')
      .on('questions')
      .columns(['is_active', 'theme', 'difficulty', 'kind', 'random_key'])
      .execute();
    // Few questions wait for review: a partial index finds them without scanning the bank.
    await db.schema
      .createIndex('questions_review_reason_idx')
      .on('questions')
      .column('review_reason')
      .where(sql.ref('review_reason'), 'is not', null)
      .execute();
  },
  async down(db) {
    await db.schema.dropIndex('questions_review_reason_idx').execute();
    await db.schema.dropIndex('questions_kind_draw_idx').execute();
    await db.schema.dropIndex('questions_kind_random_key_idx').execute();
    await db.schema.alterTable('questions').dropColumn('review_reason').execute();
    await db.schema.alterTable('questions').dropColumn('alternatives').execute();
    await db.schema.alterTable('questions').dropColumn('kind').execute();
  },
};
