import { createTestDatabase, type TestDatabase, testDialects } from '@know-foolery/shared/testing';
import { newId } from '@know-foolery/shared/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AttemptRecord,
  findOpenQuestion,
  markHintShown,
  recordAttempt,
} from '../src/data/game-repository.js';
import { gameMigrations } from '../src/data/migrations/index.js';
import type { GameDatabase } from '../src/data/schema.js';
import type { GameQuestion } from '../src/domain/game.js';
import { aGame, aServedQuestion } from './factories.js';

/**
 * An answer is judged on a read of its question and recorded later; whatever changed the question in
 * between (another answer, the hint) makes the recording a no-op that the caller turns into a 409.
 */
describe.each(testDialects())('recording an attempt on %s', (dialect) => {
  let database: TestDatabase<GameDatabase>;

  beforeAll(async () => {
    database = await createTestDatabase<GameDatabase>(dialect, gameMigrations);
  });

  afterAll(async () => {
    await database.dispose();
  });

  const attempt = (question: GameQuestion, correct: boolean): AttemptRecord => ({
    id: newId(),
    question,
    userId: 'the-player',
    answerGiven: correct ? question.answer : 'a wrong answer',
    verdict: correct
      ? { correct, reason: 'exact', explanation: 'Accepted.' }
      : { correct, reason: 'wrong', explanation: 'Not accepted.' },
    pointsAwarded: correct ? (question.hintShown ? 1 : 2) : 0,
    settled: correct,
    now: new Date(),
  });

  const attemptNumbers = async (question: GameQuestion) =>
    (
      await database.db
        .selectFrom('question_attempts')
        .select('attempt_number')
        .where('game_question_id', '=', question.id)
        .orderBy('attempt_number')
        .execute()
    ).map((row) => row.attempt_number);

  it('records nothing for an answer judged before another answer to the same question was recorded', async () => {
    const game = await aGame(database.db);
    const read = await aServedQuestion(database.db, game);
    expect(await recordAttempt(database.db, attempt(read, false))).toEqual({
      recorded: true,
      scoreAfter: null,
    });

    expect(await recordAttempt(database.db, attempt(read, false))).toEqual({ recorded: false });
    expect((await findOpenQuestion(database.db, game.id))?.attemptsUsed).toBe(1);
    expect(await attemptNumbers(read)).toEqual([1]);
  });

  it('records nothing for an answer judged before the hint was shown: it would score as if unhelped', async () => {
    const game = await aGame(database.db);
    const read = await aServedQuestion(database.db, game);
    await markHintShown(database.db, read.id);

    expect(await recordAttempt(database.db, attempt(read, true))).toEqual({ recorded: false });
    expect(await attemptNumbers(read)).toEqual([]);
  });

  it('records nothing at a question already settled, however it was read', async () => {
    const game = await aGame(database.db);
    const read = await aServedQuestion(database.db, game);
    expect(await recordAttempt(database.db, attempt(read, true))).toEqual({ recorded: true, scoreAfter: 2 });
    const settled = { ...read, attemptsUsed: 1, settled: true };

    expect(await recordAttempt(database.db, attempt(settled, true))).toEqual({ recorded: false });
    expect(await attemptNumbers(read)).toEqual([1]);
  });
});
