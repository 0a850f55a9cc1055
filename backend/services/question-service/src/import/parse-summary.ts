import type { ImportWarning, ParsedFile, ParsedQuestion, RejectedBlock } from './parsed-question.js';

/** How many rejections and warnings a report lists in full; the rest are counted. The seed command writes them all. */
export const LISTED_IN_REPORT = 1000;

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

/** Valid questions read, by how they will be played: `needs_options` ones wait, inactive, for a curator. */
export interface QuestionsByKind {
  readonly free_text: number;
  readonly true_false: number;
  readonly needs_options: number;
}

/** What the files say, before anything is written. */
export interface ParseSummary {
  /** Blocks (OpenTriviaQA) or entries (JSON) read, valid or not. */
  readonly read: number;
  readonly valid: number;
  readonly byKind: QuestionsByKind;
  readonly rejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** The first LISTED_IN_REPORT rejections, with file and line; `rejectionsOmitted` counts the rest. */
  readonly rejections: readonly RejectedBlock[];
  readonly rejectionsOmitted: number;
  readonly warnings: readonly ImportWarning[];
  readonly warningsOmitted: number;
  readonly skippedFiles: readonly SkippedFile[];
}

function kindOfParsed(question: ParsedQuestion): keyof QuestionsByKind {
  return question.reviewReason === 'needs_options' ? 'needs_options' : question.kind;
}

/** Keeps the first `limit` items of all the lists together and counts the others. */
function firstOf<T>(lists: readonly (readonly T[])[], limit: number): { listed: T[]; omitted: number } {
  const listed: T[] = [];
  let total = 0;
  for (const list of lists) {
    total += list.length;
    for (const item of list) {
      if (listed.length === limit) break;
      listed.push(item);
    }
  }
  return { listed, omitted: total - listed.length };
}

/**
 * Counts what parsing gave. Lists are walked item by item, never spread into a call's arguments:
 * one 8 MiB file can hold more rejected blocks than a call can take arguments.
 */
export function summarizeParsed(files: readonly ParsedFile[]): ParseSummary {
  const byKind = { free_text: 0, true_false: 0, needs_options: 0 };
  const rejectedByReason: Record<string, number> = {};
  let read = 0;
  let valid = 0;
  let rejected = 0;
  const skippedFiles: SkippedFile[] = [];
  for (const { file, result } of files) {
    if (result.skipped !== null) skippedFiles.push({ file, reason: result.skipped });
    read += result.blocksRead;
    valid += result.questions.length;
    rejected += result.rejected.length;
    for (const question of result.questions) byKind[kindOfParsed(question)] += 1;
    for (const { reason } of result.rejected) rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
  }
  const rejections = firstOf(
    files.map(({ result }) => result.rejected),
    LISTED_IN_REPORT,
  );
  const warnings = firstOf(
    files.map(({ result }) => result.warnings),
    LISTED_IN_REPORT,
  );
  return {
    read,
    valid,
    byKind,
    rejected,
    rejectedByReason,
    rejections: rejections.listed,
    rejectionsOmitted: rejections.omitted,
    warnings: warnings.listed,
    warningsOmitted: warnings.omitted,
    skippedFiles,
  };
}
