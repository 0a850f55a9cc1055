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
