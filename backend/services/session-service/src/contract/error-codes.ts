/** Every code session-service answers with besides the platform's common ones (VALIDATION_FAILED, ...). */
export const SessionErrorCode = {
  /** No such session, an expired one, or another player's: the same answer, so ids cannot be probed. */
  sessionNotFound: 'SESSION_NOT_FOUND',
  /**
   * The session cookie is not one this service signed, or its session ended, expired, was tampered
   * with or cannot be renewed: one answer for all, so a cookie cannot be probed.
   */
  sessionInvalid: 'SESSION_INVALID',
  /** The token was issued before its user's sessions were all ended (log out everywhere, an admin's action). */
  tokenRevoked: 'TOKEN_REVOKED',
  /**
   * The access token a sign-in handed over does not verify (expired, forged, another issuer's) or
   * is not a person's: no session opens.
   */
  accessTokenInvalid: 'ACCESS_TOKEN_INVALID',
  /** The gateway's answer to a state-changing cookie request without the right Origin and CSRF token. */
  csrfRejected: 'CSRF_REJECTED',
} as const;

export type SessionErrorCode = (typeof SessionErrorCode)[keyof typeof SessionErrorCode];
