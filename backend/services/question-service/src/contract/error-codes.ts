/** Every code question-service answers with besides the platform's common ones (VALIDATION_FAILED, ...). */
export const QuestionErrorCode = {
  questionNotFound: 'QUESTION_NOT_FOUND',
  duplicateQuestion: 'DUPLICATE_QUESTION',
  invalidTheme: 'INVALID_THEME',
  invalidAlternatives: 'INVALID_ALTERNATIVES',
  /** A true/false question whose answer is not True or False. */
  invalidKind: 'INVALID_KIND',
  noQuestionsLeft: 'NO_QUESTIONS_LEFT',
  invalidImport: 'INVALID_IMPORT',
} as const;

export type QuestionErrorCode = (typeof QuestionErrorCode)[keyof typeof QuestionErrorCode];

/**
 * The codes by status that a question's content can be refused with, on question-service's curation
 * routes and admin-service's, which pass them on as they are.
 */
export const QuestionContentErrors = {
  400: [QuestionErrorCode.invalidTheme, QuestionErrorCode.invalidAlternatives, QuestionErrorCode.invalidKind],
  409: [QuestionErrorCode.duplicateQuestion],
} as const;
