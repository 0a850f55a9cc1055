/** Every code session-service answers with besides the platform's common ones (VALIDATION_FAILED, ...). */
export const SessionErrorCode = {
  /** No such session, an expired one, or another player's: the same answer, so ids cannot be probed. */
  sessionNotFound: 'SESSION_NOT_FOUND',
} as const;

export type SessionErrorCode = (typeof SessionErrorCode)[keyof typeof SessionErrorCode];
