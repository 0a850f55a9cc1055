import type { Difficulty } from '../domain/question-rules.js';

export interface ParsedQuestion {
  readonly theme: string;
  readonly text: string;
  readonly answer: string;
  readonly hint: string | null;
  readonly difficulty?: Difficulty;
  readonly source: { readonly file: string; readonly line: number };
}

export type RejectionReason =
  | 'missing_answer'
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
  /** 1-based: the block's `#Q` line, or for JSON lists the entry's position (index + 1). */
  readonly line: number;
  readonly excerpt: string;
}

export interface ParseResult {
  readonly questions: ParsedQuestion[];
  readonly rejected: RejectedBlock[];
  readonly blocksRead: number;
}

export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
