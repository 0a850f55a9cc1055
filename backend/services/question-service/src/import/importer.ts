import { newId } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import { insertQuestionsSkippingDuplicates } from '../data/question-repository.js';
import type { QuestionDatabase } from '../data/schema.js';
import type { ParsedQuestion, ParseResult, RejectedBlock } from './parsed-question.js';

export interface ImportReport {
  readonly read: number;
  readonly imported: number;
  /** Valid questions that were already in the bank, or came twice in this import. */
  readonly duplicates: number;
  readonly rejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** The first rejections in full, with file and line. */
  readonly rejections: readonly RejectedBlock[];
}

const BATCH_SIZE = 500;
const REPORTED_REJECTIONS = 200;

export interface ImportProgress {
  readonly file: string;
  readonly read: number;
  readonly imported: number;
}

/**
 * The one importer behind the seed command and the admin endpoint: parsed questions go in by
 * batches, each in a transaction, and anything already present is skipped by its content key, so
 * importing the same files twice adds nothing.
 */
export async function importParsed(
  db: Kysely<QuestionDatabase>,
  results: readonly { file: string; result: ParseResult }[],
  now: Date,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportReport> {
  let read = 0;
  let imported = 0;
  let valid = 0;
  const rejections: RejectedBlock[] = [];
  for (const { file, result } of results) {
    read += result.blocksRead;
    valid += result.questions.length;
    rejections.push(...result.rejected);
    const importedFromFile = await insertInBatches(db, result.questions, now);
    imported += importedFromFile;
    onProgress?.({ file, read: result.blocksRead, imported: importedFromFile });
  }
  const rejectedByReason: Record<string, number> = {};
  for (const rejection of rejections)
    rejectedByReason[rejection.reason] = (rejectedByReason[rejection.reason] ?? 0) + 1;
  return {
    read,
    imported,
    duplicates: valid - imported,
    rejected: rejections.length,
    rejectedByReason,
    rejections: rejections.slice(0, REPORTED_REJECTIONS),
  };
}

async function insertInBatches(
  db: Kysely<QuestionDatabase>,
  questions: readonly ParsedQuestion[],
  now: Date,
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < questions.length; start += BATCH_SIZE) {
    const batch = questions.slice(start, start + BATCH_SIZE).map((question) => ({
      id: newId(),
      question: {
        theme: question.theme,
        text: question.text,
        answer: question.answer,
        hint: question.hint,
        difficulty: question.difficulty ?? 'medium',
      },
    }));
    inserted += await db.transaction().execute((trx) => insertQuestionsSkippingDuplicates(trx, batch, now));
  }
  return inserted;
}
