import { newId } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import {
  type ImportRow,
  insertQuestionsSkippingDuplicates,
  replaceThemeQuestions,
  type ThemeWrite,
} from '../data/import-repository.js';
import type { QuestionDatabase } from '../data/schema.js';
import { contentKey } from '../domain/question-rules.js';
import { type ParseSummary, summarizeParsed } from './parse-summary.js';
import type { ParsedFile, ParsedQuestion } from './parsed-question.js';

/**
 * `add` inserts what is new and leaves the bank otherwise alone. `replace` makes each theme the
 * files hold exactly what they hold: see replaceThemeQuestions.
 */
export type ImportMode = 'add' | 'replace';

export interface ImportReport extends Omit<ParseSummary, 'valid'> {
  readonly imported: number;
  /** Valid questions that were already in the bank, or came twice in this import. */
  readonly duplicates: number;
  /** Replace mode: stored questions the files brought back into play. */
  readonly reactivated: number;
  /** Replace mode: questions of a replaced theme that the files no longer hold, kept but out of play. */
  readonly deactivated: number;
}

export interface ImportProgress {
  readonly theme: string;
  readonly themesDone: number;
  readonly themes: number;
  readonly imported: number;
}

export interface ImportOptions {
  readonly mode?: ImportMode;
  /** Called after each theme is written. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

/**
 * Each theme's valid questions, first occurrence kept. A theme is one whose files gave at least
 * one valid question: a file whose every block was rejected replaces nothing.
 */
function questionsByTheme(files: readonly ParsedFile[]): Map<string, ImportRow[]> {
  const themes = new Map<string, ImportRow[]>();
  const seen = new Set<string>();
  for (const { result } of files) {
    for (const question of result.questions) {
      const key = contentKey(question);
      if (seen.has(key)) continue;
      seen.add(key);
      const rows = themes.get(question.theme) ?? [];
      rows.push({ id: newId(), question: importedQuestion(question) });
      themes.set(question.theme, rows);
    }
  }
  return themes;
}

function importedQuestion(question: ParsedQuestion): ImportRow['question'] {
  return {
    theme: question.theme,
    text: question.text,
    answer: question.answer,
    alternatives: question.alternatives,
    hint: question.hint,
    difficulty: question.difficulty ?? 'medium',
    kind: question.kind,
    reviewReason: question.reviewReason,
  };
}

async function addQuestions(db: Kysely<QuestionDatabase>, rows: readonly ImportRow[], now: Date) {
  const inserted = await insertQuestionsSkippingDuplicates(db, rows, now);
  return { inserted, reactivated: 0, deactivated: 0 } satisfies ThemeWrite;
}

/**
 * The one importer behind the seed command and the admin endpoints. Each theme is written in its
 * own transaction, so a failure leaves that theme as it was; anything already present is skipped
 * by its content key, so importing the same files twice adds nothing.
 */
export async function importParsed(
  db: Kysely<QuestionDatabase>,
  files: readonly ParsedFile[],
  now: Date,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { valid, ...summary } = summarizeParsed(files);
  const themes = questionsByTheme(files);
  let imported = 0;
  let reactivated = 0;
  let deactivated = 0;
  let themesDone = 0;
  for (const [theme, rows] of themes) {
    const outcome = await db
      .transaction()
      .execute((trx) =>
        options.mode === 'replace'
          ? replaceThemeQuestions(trx, theme, rows, now)
          : addQuestions(trx, rows, now),
      );
    imported += outcome.inserted;
    reactivated += outcome.reactivated;
    deactivated += outcome.deactivated;
    themesDone += 1;
    options.onProgress?.({ theme, themesDone, themes: themes.size, imported: outcome.inserted });
  }
  return { ...summary, imported, duplicates: valid - imported, reactivated, deactivated };
}
