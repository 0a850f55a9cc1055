/**
 * Every code admin-service answers with of its own. It also passes on what the owners it calls
 * answer: question-service's `QuestionErrorCode` and game-service's `GameErrorCode`.
 */
export const AdminErrorCode = {
  /** An import request whose file, form fields or query string cannot be read as a question file. */
  invalidUpload: 'INVALID_UPLOAD',
  /** 404: Zitadel holds no human user of that id. */
  playerNotFound: 'PLAYER_NOT_FOUND',
  /** 409: Zitadel refused the change in the player's current state (it changed meanwhile): reload, try again. */
  playerStateConflict: 'PLAYER_STATE_CONFLICT',
  /** 403: an admin may not deactivate their own account or take away their own admin role. */
  ownAccountProtected: 'OWN_ACCOUNT_PROTECTED',
  /**
   * 502: Zitadel refused admin-service's own machine user (not authenticated, not permitted) or
   * knows no such project or method: the platform's configuration, never the admin's request.
   */
  userDirectoryRefused: 'USER_DIRECTORY_REFUSED',
} as const;

export type AdminErrorCode = (typeof AdminErrorCode)[keyof typeof AdminErrorCode];
