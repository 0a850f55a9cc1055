import type { AuthenticatedUser } from '@know-foolery/shared/auth';
import { isUniqueViolation } from '@know-foolery/shared/database';
import { AppError, badRequest, conflict, forbidden, notFound } from '@know-foolery/shared/errors';
import type { CallContext } from '@know-foolery/shared/http-client';
import { type Clock, newId } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import type { Downstreams, QuestionPool } from '../clients/downstreams.js';
import { GameErrorCode } from '../contract/error-codes.js';
import {
  endGame,
  findActiveGameOf,
  findGame,
  findOpenQuestion,
  insertGame,
  insertGameQuestion,
  markHintShown,
  markScoreRecorded,
  recordAttempt,
  usedQuestionIds,
} from '../data/game-repository.js';
import type { GameDatabase } from '../data/schema.js';
import { isBlankAnswer, type Verdict } from '../domain/answer-matching.js';
import type { Game, GameQuestion } from '../domain/game.js';
import { judgeAttempt } from '../domain/judge-attempt.js';
import {
  type Difficulty,
  type EndReason,
  expiryFor,
  hasHint,
  hintFor,
  isExpired,
  maxAttempts,
  type QuestionKind,
  scoreAttempt,
} from '../domain/rules.js';
import type { GameEvents } from './game-events.js';

export interface GameDeps {
  readonly db: Kysely<GameDatabase>;
  readonly clock: Clock;
  readonly downstreams: Downstreams;
  readonly durationSeconds: number;
  readonly similarityThreshold: number;
  readonly warn: (details: Readonly<Record<string, unknown>>, message: string) => void;
  /** Told what happens in play (the metrics count it); without it nothing is told. */
  readonly events?: GameEvents;
}

export function gameView(game: Game) {
  return {
    id: game.id,
    status: game.status,
    theme: game.theme,
    difficulty: game.difficulty,
    questionKinds: [...game.questionKinds],
    score: game.score,
    questionsAnswered: game.questionsAnswered,
    startedAt: game.startedAt.toISOString(),
    expiresAt: game.expiresAt.toISOString(),
    endedAt: game.endedAt?.toISOString() ?? null,
    endReason: game.endReason,
  };
}

function gameOver(game: Game): AppError {
  // Stryker disable next-line LogicalOperator: an ended game's end reason is its status
  return new AppError(409, GameErrorCode.gameOver, `this game has ended (${game.endReason ?? game.status})`, {
    extensions: { game: gameView(game) },
  });
}

const poolOf = (game: Pick<Game, 'theme' | 'difficulty' | 'questionKinds'>): QuestionPool => ({
  theme: game.theme,
  difficulty: game.difficulty,
  kinds: game.questionKinds,
});

/** Ends the game (if nobody did first) and hands its score to the leaderboard; the sweeper retries a failed hand-over. */
export async function endAndRecord(
  deps: GameDeps,
  game: Game,
  reason: EndReason,
  context: CallContext,
): Promise<Game> {
  if (await endGame(deps.db, game.id, reason, deps.clock.now())) deps.events?.ended(reason);
  const ended = (await findGame(deps.db, game.id)) ?? game;
  await recordScore(deps, ended, context);
  return ended;
}

export async function recordScore(deps: GameDeps, game: Game, context: CallContext): Promise<void> {
  if (game.scoreRecorded || game.endedAt === null) return;
  try {
    await deps.downstreams.scoreboard.record(
      { gameId: game.id, userId: game.userId, score: game.score, finishedAt: game.endedAt },
      context,
    );
    await markScoreRecorded(deps.db, game.id);
  } catch (error) {
    deps.warn(
      { err: error, gameId: game.id },
      'the leaderboard did not take the score; the sweeper will retry',
    );
  }
}

/** Reading a game is for its owner and admins; playing it (hint, answer, finish) for its owner alone. */
type Access = 'read' | 'play';

/** The caller's game, brought up to date with the clock: one past its time is expired now. */
async function ownGame(
  deps: GameDeps,
  user: AuthenticatedUser,
  gameId: string,
  context: CallContext,
  access: Access,
): Promise<Game> {
  const game = await findGame(deps.db, gameId);
  const isOwner = game?.userId === user.id;
  const isAdmin = user.roles.includes('admin');
  // Another player's game answers exactly like a missing one: its existence is not theirs to know.
  if (!game || (!isOwner && !isAdmin)) {
    throw notFound(`no game ${gameId} of yours`, GameErrorCode.gameNotFound);
  }
  if (!isOwner && access === 'play') {
    throw forbidden('only the player whose game this is may play it', GameErrorCode.notGameOwner);
  }
  if (game.status === 'active' && isExpired(game.expiresAt, deps.clock.now())) {
    return endAndRecord(deps, game, 'expired', context);
  }
  return game;
}

async function activeGame(
  deps: GameDeps,
  user: AuthenticatedUser,
  gameId: string,
  context: CallContext,
): Promise<Game> {
  const game = await ownGame(deps, user, gameId, context, 'play');
  if (game.status !== 'active') throw gameOver(game);
  return game;
}

export async function startGame(
  deps: GameDeps,
  user: AuthenticatedUser,
  choice: { theme: string | null; difficulty: Difficulty | null; questionKinds: readonly QuestionKind[] },
  context: CallContext,
): Promise<Game> {
  const current = await findActiveGameOf(deps.db, user.id);
  if (current) {
    // Stryker disable next-line StringLiteral: access matters only as 'play'; the caller owns this game
    const refreshed = await ownGame(deps, user, current.id, context, 'read');
    if (refreshed.status === 'active') {
      throw conflict('finish your game in play before starting another', GameErrorCode.gameAlreadyActive, {
        extensions: { activeGameId: current.id },
      });
    }
  }
  await deps.downstreams.profiles.ensure(context);
  const pool = poolOf(choice);
  if ((await deps.downstreams.questions.available(pool, context)) === 0) {
    throw new AppError(
      422,
      GameErrorCode.emptyQuestionPool,
      'no question matches this theme, difficulty and kind of question',
    );
  }
  const startedAt = deps.clock.now();
  let started: Game;
  try {
    started = await insertGame(deps.db, {
      id: newId(),
      userId: user.id,
      theme: choice.theme,
      difficulty: choice.difficulty,
      questionKinds: choice.questionKinds,
      startedAt,
      expiresAt: expiryFor(startedAt, deps.durationSeconds),
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('a game of yours was started at the same moment', GameErrorCode.gameAlreadyActive);
    throw error;
  }
  deps.events?.started();
  return started;
}

export function readGame(
  deps: GameDeps,
  user: AuthenticatedUser,
  gameId: string,
  context: CallContext,
): Promise<Game> {
  // Stryker disable next-line StringLiteral: access matters only as 'play'
  return ownGame(deps, user, gameId, context, 'read');
}

export function questionView(question: GameQuestion) {
  return {
    questionId: question.questionId,
    questionNumber: question.sequence,
    theme: question.theme,
    difficulty: question.difficulty,
    kind: question.kind,
    text: question.text,
    attemptsLeft: maxAttempts(question.kind) - question.attemptsUsed,
    hintAvailable: hasHint(question.kind),
    hintShown: question.hintShown,
  };
}

/** The open question, or the next one drawn; when none is left the game ends as exhausted. */
export async function currentQuestion(
  deps: GameDeps,
  user: AuthenticatedUser,
  gameId: string,
  context: CallContext,
): Promise<GameQuestion> {
  const game = await activeGame(deps, user, gameId, context);
  const open = await findOpenQuestion(deps.db, game.id);
  if (open) return open;
  const drawn = await deps.downstreams.questions.draw(
    poolOf(game),
    await usedQuestionIds(deps.db, game.id),
    context,
  );
  if (drawn === null) throw gameOver(await endAndRecord(deps, game, 'exhausted', context));
  const served = await insertGameQuestion(deps.db, newId(), game.id, drawn, deps.clock.now());
  const question = served ?? (await findOpenQuestion(deps.db, game.id));
  if (!question)
    throw conflict(
      'the question changed while it was being drawn, ask again',
      GameErrorCode.concurrentAnswer,
    );
  return question;
}

async function openQuestionOf(deps: GameDeps, game: Game): Promise<GameQuestion> {
  const question = await findOpenQuestion(deps.db, game.id);
  if (!question) throw conflict('no question is open: ask for the next one', GameErrorCode.noOpenQuestion);
  return question;
}

export async function showHint(
  deps: GameDeps,
  user: AuthenticatedUser,
  gameId: string,
  context: CallContext,
): Promise<string> {
  const question = await openQuestionOf(deps, await activeGame(deps, user, gameId, context));
  if (!hasHint(question.kind))
    throw conflict('a true/false question has no hint: any hint would give it away', GameErrorCode.noHint);
  if (!question.hintShown) {
    await markHintShown(deps.db, question.id);
    deps.events?.hintShown();
  }
  return hintFor(question.hint, question.answer);
}

export interface AnswerResult {
  readonly correct: boolean;
  readonly verdict: { readonly reason: Verdict['reason']; readonly explanation: string };
  readonly attemptsLeft: number;
  readonly pointsAwarded: number;
  readonly score: number;
  readonly settled: boolean;
  /** Revealed once the question is settled, never before. */
  readonly correctAnswer: string | null;
}

export async function submitAnswer(
  deps: GameDeps,
  user: AuthenticatedUser,
  gameId: string,
  answer: string,
  context: CallContext,
): Promise<AnswerResult> {
  if (isBlankAnswer(answer))
    throw badRequest('an answer needs at least one letter or digit', GameErrorCode.blankAnswer);
  const game = await activeGame(deps, user, gameId, context);
  const question = await openQuestionOf(deps, game);
  const verdict = judgeAttempt(question, answer, { similarityThreshold: deps.similarityThreshold });
  if (verdict === null)
    throw badRequest('this is a true/false question: answer true or false', GameErrorCode.notTrueOrFalse);
  const outcome = scoreAttempt({
    kind: question.kind,
    number: question.attemptsUsed + 1,
    correct: verdict.correct,
    hintShown: question.hintShown,
  });
  const recorded = await recordAttempt(deps.db, {
    id: newId(),
    question,
    userId: user.id,
    answerGiven: answer.trim(),
    verdict,
    pointsAwarded: outcome.pointsAwarded,
    settled: outcome.settled,
    now: deps.clock.now(),
  });
  if (!recorded.recorded)
    throw conflict(
      'another answer to this question arrived first: fetch the question again',
      GameErrorCode.concurrentAnswer,
    );
  deps.events?.answered(verdict.reason);
  return {
    correct: verdict.correct,
    verdict: { reason: verdict.reason, explanation: verdict.explanation },
    attemptsLeft: outcome.attemptsLeft,
    pointsAwarded: outcome.pointsAwarded,
    // Only a settled question changes the score, so an unsettled one leaves it as the game was read.
    score: recorded.scoreAfter ?? game.score,
    settled: outcome.settled,
    correctAnswer: outcome.settled ? question.answer : null,
  };
}

export async function finishGame(
  deps: GameDeps,
  user: AuthenticatedUser,
  gameId: string,
  context: CallContext,
): Promise<Game> {
  const game = await ownGame(deps, user, gameId, context, 'play');
  // Stryker disable next-line BlockStatement: ending it again changes nothing, and records and reads alike
  if (game.status !== 'active') {
    await recordScore(deps, game, context);
    // Stryker disable next-line LogicalOperator: they differ only in scoreRecorded, left out of answers
    return (await findGame(deps.db, game.id)) ?? game;
  }
  return endAndRecord(deps, game, 'finished', context);
}
