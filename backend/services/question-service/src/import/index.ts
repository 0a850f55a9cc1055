export type { QuestionDatabase } from '../data/schema.js';
export {
  type DataFile,
  dataFiles,
  formatOf,
  type ImportFormat,
  parseDocument,
  parseFile,
  parseUpload,
} from './import-files.js';
export {
  type ImportMode,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  importParsed,
} from './importer.js';
export {
  LISTED_IN_REPORT,
  type ParseSummary,
  type QuestionsByKind,
  type SkippedFile,
} from './parse-summary.js';
export type {
  ImportWarning,
  ParsedFile,
  ParsedQuestion,
  ParseResult,
  RejectedBlock,
  RejectionReason,
} from './parsed-question.js';
