/**
 * question-service's public contract: the schemas of its routes' input and output, its limits and
 * its error codes. Its callers (admin-service, game-service) import it instead of restating it, so
 * a limit changes in one place. Nothing here does I/O or pulls in Fastify or Kysely.
 */

export { DIFFICULTIES, QUESTION_KINDS, REVIEW_REASONS } from '../domain/question-rules.js';
export { QuestionContentErrors, QuestionErrorCode } from './error-codes.js';
export {
  Alternatives,
  Answer,
  Difficulty,
  Hint,
  QUESTION_ID_PATTERN,
  QuestionKind,
  QuestionText,
  ReviewReason,
  Theme,
} from './fields.js';
export { DrawBody, DrawnQuestion, PoolQuery, PoolSize } from './game-supply.js';
export {
  IMPORT_FORMATS,
  IMPORT_MODES,
  ImportBody,
  ImportFileName,
  ImportFormat,
  ImportMode,
  ImportReport,
  ImportUploadBody,
} from './imports.js';
export {
  IMPORT_FILE_LIMIT_BYTES,
  IMPORT_REQUEST_LIMIT_BYTES,
  IMPORT_UPLOAD_LIMIT_BYTES,
  LIMITS,
  MAX_ALTERNATIVES,
} from './limits.js';
export {
  AdminQuestion,
  NewQuestionBody,
  QuestionId,
  QuestionPage,
  QuestionPatch,
  QuestionQuery,
} from './questions.js';
export { Themes } from './themes.js';
