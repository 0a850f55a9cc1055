/**
 * Every code admin-service answers with of its own. It also passes on what the owners it calls
 * answer: question-service's `QuestionErrorCode` and game-service's `GameErrorCode`.
 */
export const AdminErrorCode = {
  /** An import request whose file, form fields or query string cannot be read as a question file. */
  invalidUpload: 'INVALID_UPLOAD',
} as const;

export type AdminErrorCode = (typeof AdminErrorCode)[keyof typeof AdminErrorCode];
