import { newId } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import {
  type DrawnQuestion,
  insertGame,
  insertGameQuestion,
  markHintShown,
  type NewGame,
  recordAttempt,
} from '../src/data/game-repository.js';
import type { GameDatabase } from '../src/data/schema.js';
import type { Game, GameQuestion } from '../src/domain/game.js';
import { QUESTION_KINDS, scoreAttempt } from '../src/domain/rules.js';

type Db = Kysely<GameDatabase>;

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

/** A game in play, started now for 30 minutes by a player of its own; any field can be set. */
export function aGame(db: Db, overrides: Partial<NewGame> = {}): Promise<Game> {
  const startedAt = overrides.startedAt ?? new Date();
  return insertGame(db, {
    id: newId(),
    userId: `factory-player-${next()}`,
    theme: null,
    difficulty: null,
    questionKinds: QUESTION_KINDS,
    startedAt,
    expiresAt: new Date(startedAt.getTime() + 30 * 60_000),
    ...overrides,
  });
}

/** Serves a question in the game (the one open question); any field of the question can be set. */
export async function aServedQuestion(
  db: Db,
  game: Game,
  overrides: Partial<DrawnQuestion> = {},
): Promise<GameQuestion> {
  const number = next();
  const served = await insertGameQuestion(
    db,
    newId(),
    game.id,
    {
      questionId: `factory-question-${number}`,
      theme: 'general',
      difficulty: 'medium',
      text: `Factory question ${number}?`,
      answer: `answer ${number}`,
      alternatives: [],
      hint: null,
      kind: 'free_text',
      ...overrides,
    },
    new Date(),
  );
  if (served === undefined) throw new Error(`game ${game.id} already has an open question`);
  return served;
}

/**
 * Records the attempts at a served question in order, scored by the game's rules (each is
 * correct or not as given), after showing the hint when asked; stops once the question settles.
 */
export async function attempts(
  db: Db,
  game: Game,
  question: GameQuestion,
  outcomes: readonly boolean[],
  options: { hint?: boolean } = {},
): Promise<void> {
  if (options.hint === true) await markHintShown(db, question.id);
  let attemptsUsed = question.attemptsUsed;
  for (const correct of outcomes) {
    const outcome = scoreAttempt({
      kind: question.kind,
      number: attemptsUsed + 1,
      correct,
      hintShown: options.hint === true,
    });
    const recorded = await recordAttempt(db, {
      id: newId(),
      question: { ...question, attemptsUsed, hintShown: options.hint === true },
      userId: game.userId,
      answerGiven: correct ? question.answer : 'a wrong answer',
      verdict: correct
        ? { correct, reason: 'exact', explanation: 'Accepted: the answer exactly.' }
        : { correct, reason: 'wrong', explanation: 'Not accepted.' },
      pointsAwarded: outcome.pointsAwarded,
      settled: outcome.settled,
      now: new Date(),
    });
    if (!recorded.recorded) throw new Error('the attempt was not recorded');
    attemptsUsed += 1;
    if (outcome.settled) return;
  }
}
