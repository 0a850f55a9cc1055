import { isUniqueViolation, toBoolean, toDate, toNumber } from '@know-foolery/shared/database';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Verdict } from '../domain/answer-matching.js';
import type { Game, GameQuestion, QuestionStats } from '../domain/game.js';
import type { Difficulty, EndReason, QuestionKind } from '../domain/rules.js';
import type { GameDatabase, GameQuestionsTable, GameSessionsTable } from './schema.js';
import { decodeAlternatives, decodeQuestionKinds, encodeQuestionKinds } from './stored-lists.js';

type Db = Kysely<GameDatabase>;

function toGame(row: Selectable<GameSessionsTable>): Game {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    theme: row.theme,
    difficulty: row.difficulty,
    questionKinds: decodeQuestionKinds(row.question_kinds),
    score: row.score,
    questionsAnswered: row.questions_answered,
    startedAt: toDate(row.started_at),
    expiresAt: toDate(row.expires_at),
    endedAt: row.ended_at === null ? null : toDate(row.ended_at),
    endReason: row.end_reason,
    scoreRecorded: toBoolean(row.score_recorded),
  };
}

function toGameQuestion(row: Selectable<GameQuestionsTable>): GameQuestion {
  return {
    id: row.id,
    gameId: row.game_id,
    questionId: row.question_id,
    sequence: row.sequence,
    theme: row.theme,
    difficulty: row.difficulty,
    text: row.text,
    answer: row.answer,
    alternatives: decodeAlternatives(row.alternatives),
    hint: row.hint,
    kind: row.kind,
    attemptsUsed: row.attempts_used,
    hintShown: toBoolean(row.hint_shown),
    settled: toBoolean(row.settled),
  };
}

export interface NewGame {
  readonly id: string;
  readonly userId: string;
  readonly theme: string | null;
  readonly difficulty: Difficulty | null;
  readonly questionKinds: readonly QuestionKind[];
  readonly startedAt: Date;
  readonly expiresAt: Date;
}

export async function insertGame(db: Db, game: NewGame): Promise<Game> {
  const row = await db
    .insertInto('game_sessions')
    .values({
      id: game.id,
      user_id: game.userId,
      status: 'active',
      theme: game.theme,
      difficulty: game.difficulty,
      question_kinds: encodeQuestionKinds(game.questionKinds),
      score: 0,
      questions_answered: 0,
      started_at: game.startedAt,
      expires_at: game.expiresAt,
      ended_at: null,
      end_reason: null,
      score_recorded: false,
      updated_at: game.startedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toGame(row);
}

export async function findGame(db: Db, id: string): Promise<Game | undefined> {
  const row = await db.selectFrom('game_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toGame(row);
}

export async function findActiveGameOf(db: Db, userId: string): Promise<Game | undefined> {
  const row = await db
    .selectFrom('game_sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row === undefined ? undefined : toGame(row);
}

/** Ends an active game; false when it had already ended (someone else ended it first). */
export async function endGame(db: Db, id: string, reason: EndReason, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('game_sessions')
    .set({ status: reason, end_reason: reason, ended_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markScoreRecorded(db: Db, id: string): Promise<void> {
  await db.updateTable('game_sessions').set({ score_recorded: true }).where('id', '=', id).execute();
}

export async function expiredActiveGameIds(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('game_sessions')
    .select('id')
    .where('status', '=', 'active')
    .where('expires_at', '<=', now)
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export async function endedGamesWithoutRecordedScore(db: Db, limit: number): Promise<Game[]> {
  const rows = await db
    .selectFrom('game_sessions')
    .selectAll()
    .where('status', '!=', 'active')
    .where('score_recorded', '=', false)
    .limit(limit)
    .execute();
  return rows.map(toGame);
}

export async function findOpenQuestion(db: Db, gameId: string): Promise<GameQuestion | undefined> {
  const row = await db
    .selectFrom('game_questions')
    .selectAll()
    .where('game_id', '=', gameId)
    // A literal, not a parameter: only then may the planner use the partial index on open questions.
    .where('settled', '=', sql.lit(false))
    .executeTakeFirst();
  return row === undefined ? undefined : toGameQuestion(row);
}

export async function usedQuestionIds(db: Db, gameId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('game_questions')
    .select('question_id')
    .where('game_id', '=', gameId)
    .execute();
  return rows.map((row) => row.question_id);
}

export interface DrawnQuestion {
  readonly questionId: string;
  readonly theme: string;
  readonly difficulty: Difficulty;
  readonly text: string;
  readonly answer: string;
  readonly alternatives: readonly string[];
  readonly hint: string | null;
  readonly kind: QuestionKind;
}

/** Hands the question out as the game's next one; undefined when another request already opened one. */
export async function insertGameQuestion(
  db: Db,
  id: string,
  gameId: string,
  question: DrawnQuestion,
  now: Date,
): Promise<GameQuestion | undefined> {
  const opening = db.transaction().execute(async (trx) => {
    if (await findOpenQuestion(trx, gameId)) return undefined;
    const { next } = await trx
      .selectFrom('game_questions')
      .select((eb) => eb(eb.fn.coalesce(eb.fn.max('sequence'), eb.lit(0)), '+', 1).as('next'))
      .where('game_id', '=', gameId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('game_questions')
      .values({
        id,
        game_id: gameId,
        question_id: question.questionId,
        sequence: toNumber(next),
        theme: question.theme,
        difficulty: question.difficulty,
        text: question.text,
        answer: question.answer,
        alternatives: JSON.stringify(question.alternatives),
        hint: question.hint,
        kind: question.kind,
        attempts_used: 0,
        hint_shown: false,
        settled: false,
        correct: false,
        points_awarded: 0,
        served_at: now,
        settled_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toGameQuestion(row);
  });
  try {
    return await opening;
  } catch (error) {
    // Two draws raced past the check above; the database's unique indexes let only one through.
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

export async function markHintShown(db: Db, gameQuestionId: string): Promise<void> {
  await db.updateTable('game_questions').set({ hint_shown: true }).where('id', '=', gameQuestionId).execute();
}

export interface AttemptRecord {
  readonly id: string;
  readonly question: GameQuestion;
  readonly userId: string;
  readonly answerGiven: string;
  readonly verdict: Pick<Verdict, 'correct' | 'reason' | 'explanation'>;
  readonly pointsAwarded: number;
  readonly settled: boolean;
  readonly now: Date;
}

/** What recording an attempt did: nothing (another answer claimed the question first), or recorded it. */
export type RecordedAttempt =
  | { readonly recorded: false }
  | {
      readonly recorded: true;
      /** The game's score once the attempt settled the question; null when it did not. */
      readonly scoreAfter: number | null;
    };

/**
 * Records one attempt and its effect in one transaction. The compare-and-set on attempts_used
 * means two concurrent answers to the same question cannot both count: the second finds the
 * count moved and records nothing. The score is incremented in SQL, never read-modify-written,
 * and read back from the same statement.
 */
export async function recordAttempt(db: Db, attempt: AttemptRecord): Promise<RecordedAttempt> {
  const { question } = attempt;
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('game_questions')
      .set({
        attempts_used: question.attemptsUsed + 1,
        settled: attempt.settled,
        correct: attempt.verdict.correct,
        points_awarded: attempt.pointsAwarded,
        settled_at: attempt.settled ? attempt.now : null,
      })
      .where('id', '=', question.id)
      .where('attempts_used', '=', question.attemptsUsed)
      .where('hint_shown', '=', question.hintShown)
      .where('settled', '=', false)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) return { recorded: false };
    await trx
      .insertInto('question_attempts')
      .values({
        id: attempt.id,
        game_id: question.gameId,
        game_question_id: question.id,
        question_id: question.questionId,
        user_id: attempt.userId,
        answer_given: attempt.answerGiven,
        is_correct: attempt.verdict.correct,
        attempt_number: question.attemptsUsed + 1,
        hint_shown: question.hintShown,
        verdict: attempt.verdict.reason,
        verdict_explanation: attempt.verdict.explanation,
        created_at: attempt.now,
      })
      .execute();
    if (!attempt.settled) return { recorded: true, scoreAfter: null };
    const { score } = await trx
      .updateTable('game_sessions')
      .set((eb) => ({
        score: eb('score', '+', attempt.pointsAwarded),
        questions_answered: eb('questions_answered', '+', 1),
        updated_at: attempt.now,
      }))
      .where('id', '=', question.gameId)
      .returning('score')
      .executeTakeFirstOrThrow();
    return { recorded: true, scoreAfter: score };
  });
}

export async function questionStats(db: Db, questionId: string): Promise<QuestionStats> {
  const served = await db
    .selectFrom('game_questions')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('served'),
      eb.fn.sum<number | string | null>(sql`case when settled = ${true} then 1 else 0 end`).as('settled'),
      eb.fn.sum<number | string | null>(sql`case when correct = ${true} then 1 else 0 end`).as('correct'),
      eb.fn.sum<number | string | null>(sql`case when hint_shown = ${true} then 1 else 0 end`).as('hints'),
    ])
    .where('question_id', '=', questionId)
    .executeTakeFirstOrThrow();
  const attempts = await db
    .selectFrom('question_attempts')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('attempts'),
      eb.fn.sum<number | string | null>(sql`case when is_correct = ${true} then 1 else 0 end`).as('correct'),
    ])
    .where('question_id', '=', questionId)
    .executeTakeFirstOrThrow();
  const timesServed = toNumber(served.served);
  const settled = toNumber(served.settled);
  const timesAnsweredCorrectly = toNumber(served.correct);
  const hintsShown = toNumber(served.hints);
  return {
    questionId,
    timesServed,
    attempts: toNumber(attempts.attempts),
    correctAttempts: toNumber(attempts.correct),
    timesAnsweredCorrectly,
    successRate: settled === 0 ? 0 : timesAnsweredCorrectly / settled,
    hintsShown,
    hintRate: timesServed === 0 ? 0 : hintsShown / timesServed,
  };
}
