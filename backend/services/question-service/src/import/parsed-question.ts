import type { Difficulty, QuestionKind, ReviewReason } from '../domain/question-rules.js';

export interface ParsedQuestion {
  readonly theme: string;
  readonly text: string;
  readonly answer: string;
  /** Other answers a fair host accepts ("Everest" for "Mount Everest"). */
  readonly alternatives: readonly string[];
  readonly hint: string | null;
  readonly kind: QuestionKind;
  /** Set when the question cannot be played as it stands: it is imported inactive, for a curator. */
  readonly reviewReason: ReviewReason | null;
  readonly difficulty?: Difficulty;
  readonly source: { readonly file: string; readonly line: number };
}

export type RejectionReason =
  | 'missing_answer'
  | 'multiple_answers'
  | 'answer_not_in_options'
  | 'empty_question'
  | 'empty_answer'
  | 'question_too_long'
  | 'answer_too_long'
  | 'malformed_block'
  | 'duplicate_in_file'
  | 'invalid_json'
  | 'invalid_entry';

export interface RejectedBlock {
  readonly reason: RejectionReason;
  readonly file: string;
  /** 1-based: the block's `#Q` line, or the line a JSON entry starts on. */
  readonly line: number;
  readonly excerpt: string;
}

/** Something imported as it stands that a person should look at (a hint dropped, text damaged before it arrived). */
export interface ImportWarning {
  readonly file: string;
  /** 1-based: a line of the document. */
  readonly line: number;
  readonly message: string;
}

export interface ParseResult {
  readonly questions: ParsedQuestion[];
  readonly rejected: RejectedBlock[];
  readonly warnings: ImportWarning[];
  readonly blocksRead: number;
  /** Why nothing of the document was read (a LICENSE beside the data files); null when it was. */
  readonly skipped: string | null;
}

/** A document as the importer takes it: the name it is reported under and what parsing it gave. */
export interface ParsedFile {
  readonly file: string;
  readonly result: ParseResult;
}

export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
