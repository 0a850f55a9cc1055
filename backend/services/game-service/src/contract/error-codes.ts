/** Every code game-service answers with besides the platform's common ones (VALIDATION_FAILED, ...). */
export const GameErrorCode = {
  /** No such game, or another player's: its existence is not theirs to know. */
  gameNotFound: 'GAME_NOT_FOUND',
  /** An admin may read another player's game but not play it. */
  notGameOwner: 'NOT_GAME_OWNER',
  /** The game has finished, expired or run out of questions; the problem carries the game. */
  gameOver: 'GAME_OVER',
  /** The player has a game in play; the problem carries its id as `activeGameId`. */
  gameAlreadyActive: 'GAME_ALREADY_ACTIVE',
  emptyQuestionPool: 'EMPTY_QUESTION_POOL',
  /** Another request changed the open question first. */
  concurrentAnswer: 'CONCURRENT_ANSWER',
  noOpenQuestion: 'NO_OPEN_QUESTION',
  /** A true/false question has no hint. */
  noHint: 'NO_HINT',
  blankAnswer: 'BLANK_ANSWER',
  notTrueOrFalse: 'NOT_TRUE_OR_FALSE',
} as const;

export type GameErrorCode = (typeof GameErrorCode)[keyof typeof GameErrorCode];
