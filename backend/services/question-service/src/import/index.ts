export type { QuestionDatabase } from '../data/schema.js';
export { dataFiles, type ImportFormat, parseDocument, parseFile } from './import-files.js';
export { type ImportProgress, type ImportReport, importParsed } from './importer.js';
export type { ParsedQuestion, ParseResult, RejectedBlock, RejectionReason } from './parsed-question.js';
