import type { NamedMigration } from '@know-foolery/shared/database';
import { sql } from 'kysely';

/**
 * At most one unsettled question per game, held by the database rather than by the code alone;
 * the same partial index makes looking up a game's open question a single index probe instead
 * of a walk through every question the game has served.
 */
export const oneOpenQuestionPerGame: NamedMigration = {
  name: '0002-one-open-question-per-game',
  async up(db) {
    await db.schema
      .createIndex('game_questions_one_open_per_game')
      .on('game_questions')
      .column('game_id')
      .unique()
      .where(sql.ref('settled'), '=', sql.lit(false))
      .execute();
  },
  async down(db) {
    await db.schema.dropIndex('game_questions_one_open_per_game').execute();
  },
};
