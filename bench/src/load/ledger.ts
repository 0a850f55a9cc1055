/** An answer a client saw accepted (200): the database must hold exactly one attempt like it. */
export interface AcceptedAnswer {
  readonly gameId: string;
  readonly questionId: string;
  readonly answer: string;
}

/** A game a client saw finished, with the score it was told. */
export interface FinishedGame {
  readonly gameId: string;
  readonly userId: string;
  readonly score: number;
}

/** What the clients were told, to hold the databases to afterwards. */
export class Ledger {
  readonly accepted: AcceptedAnswer[] = [];
  readonly finished: FinishedGame[] = [];
  /** Answers sent whose fate the client never learnt (no response, or a server error). */
  unknownAnswers = 0;
}
