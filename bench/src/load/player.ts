import type { Answered, GatewayClient } from './gateway-client.js';
import { booleanField, numberField, stringField } from './json-fields.js';
import type { Ledger } from './ledger.js';
import type { Step } from './outcomes.js';
import type { PlayerSession } from './sign-in.js';

/** Questions a game plays before the player finishes it and starts the next. */
const QUESTIONS_PER_GAME = 4;
/** The synthetic bank's questions say their number; their answer is "answer <number>". */
const QUESTION_NUMBER = /number (\d+)\?/;

interface OpenQuestion {
  readonly id: string;
  readonly correctAnswer: string | undefined;
  wrongAnswersGiven: number;
}

export interface StepResult {
  readonly step: Step;
  readonly answered: Answered;
}

/**
 * One signed-in player: start a game, fetch a question, answer it (half the time right at once,
 * otherwise once wrong and then right), and after four questions finish the game and start
 * another. Each call of `step` makes one request. After an error the player picks up from what
 * the game says (an open question fetched again, the active game adopted).
 */
export class LoadPlayer {
  readonly #client: GatewayClient;
  readonly #session: PlayerSession;
  readonly #ledger: Ledger;
  #gameId: string | undefined;
  #question: OpenQuestion | undefined;
  #settledInGame = 0;
  #answersSent = 0;

  constructor(client: GatewayClient, session: PlayerSession, ledger: Ledger) {
    this.#client = client;
    this.#session = session;
    this.#ledger = ledger;
  }

  get session(): PlayerSession {
    return this.#session;
  }

  step(): Promise<StepResult> {
    if (this.#gameId === undefined) return this.#startGame();
    if (this.#settledInGame >= QUESTIONS_PER_GAME) return this.#finish(this.#gameId);
    if (this.#question === undefined) return this.#fetchQuestion(this.#gameId);
    return this.#answer(this.#gameId, this.#question);
  }

  async #startGame(): Promise<StepResult> {
    const answered = await this.#client.send(this.#session, 'POST', '/api/v1/games', {});
    const gameId = stringField(answered.body, answered.status === 201 ? 'id' : 'activeGameId');
    if (gameId !== undefined) this.#enterGame(gameId);
    return { step: 'start game', answered };
  }

  async #fetchQuestion(gameId: string): Promise<StepResult> {
    const answered = await this.#client.send(this.#session, 'GET', `/api/v1/games/${gameId}/question`);
    const questionId = stringField(answered.body, 'questionId');
    if (answered.status === 200 && questionId !== undefined) {
      const number = QUESTION_NUMBER.exec(stringField(answered.body, 'text') ?? '')?.[1];
      this.#question = {
        id: questionId,
        correctAnswer: number === undefined ? undefined : `answer ${number}`,
        wrongAnswersGiven: 0,
      };
    } else if (answered.status === 409) {
      this.#gameId = undefined;
    }
    return { step: 'question', answered };
  }

  async #answer(gameId: string, question: OpenQuestion): Promise<StepResult> {
    this.#answersSent += 1;
    const answerRight =
      question.correctAnswer !== undefined && (question.wrongAnswersGiven > 0 || Math.random() < 0.5);
    const answer = answerRight
      ? (question.correctAnswer ?? '')
      : `wrong ${this.#session.username} ${this.#answersSent}`;
    const answered = await this.#client.send(this.#session, 'POST', `/api/v1/games/${gameId}/answers`, {
      answer,
    });
    if (answered.status === 200) {
      this.#ledger.accepted.push({ gameId, questionId: question.id, answer });
      if (booleanField(answered.body, 'settled') === true) {
        this.#question = undefined;
        this.#settledInGame += 1;
      } else {
        question.wrongAnswersGiven += 1;
      }
    } else {
      if (answered.status === 0 || answered.status >= 500) this.#ledger.unknownAnswers += 1;
      // Whether it was recorded or not, the game knows: ask it for the open question again.
      this.#question = undefined;
      if (answered.code === 'GAME_OVER') this.#gameId = undefined;
    }
    return { step: 'answer', answered };
  }

  async #finish(gameId: string): Promise<StepResult> {
    const answered = await this.#client.send(this.#session, 'POST', `/api/v1/games/${gameId}/finish`);
    const score = numberField(answered.body, 'score');
    if (answered.status === 200 && score !== undefined) {
      this.#ledger.finished.push({ gameId, userId: this.#session.userId, score });
      this.#gameId = undefined;
    }
    return { step: 'finish', answered };
  }

  #enterGame(gameId: string): void {
    this.#gameId = gameId;
    this.#question = undefined;
    this.#settledInGame = 0;
  }
}
