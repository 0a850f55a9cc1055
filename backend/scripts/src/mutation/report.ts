import { isRecord } from '@know-foolery/shared/utils';
/** What the floor reads of a Stryker JSON report (mutation-testing-report-schema, version 2). */

export const MUTANT_STATUSES = [
  'Killed',
  'Survived',
  'NoCoverage',
  'CompileError',
  'RuntimeError',
  'Timeout',
  'Ignored',
  'Pending',
] as const;
export type MutantStatus = (typeof MUTANT_STATUSES)[number];

export interface ReportedMutant {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  /** The code the mutant put in place of the original, when the report says. */
  readonly replacement: string | null;
  readonly status: MutantStatus;
}

export class ReportError extends Error {}

const isStatus = (value: unknown): value is MutantStatus =>
  MUTANT_STATUSES.some((status) => status === value);

function readMutant(file: string, mutant: unknown): ReportedMutant {
  const start = isRecord(mutant) && isRecord(mutant.location) ? mutant.location.start : undefined;
  if (
    !isRecord(mutant) ||
    typeof mutant.mutatorName !== 'string' ||
    !isStatus(mutant.status) ||
    !isRecord(start) ||
    typeof start.line !== 'number' ||
    typeof start.column !== 'number'
  ) {
    throw new ReportError(`${file}: a mutant without a mutator, a known status or a start position`);
  }
  return {
    file,
    line: start.line,
    column: start.column,
    mutator: mutant.mutatorName,
    replacement: typeof mutant.replacement === 'string' ? mutant.replacement : null,
    status: mutant.status,
  };
}

/** Every mutant of a report, file by file; a document that is not such a report is a ReportError. */
export function readMutationReport(document: unknown): ReportedMutant[] {
  if (!isRecord(document) || !isRecord(document.files)) {
    throw new ReportError('not a mutation testing report: it has no "files"');
  }
  return Object.entries(document.files).flatMap(([file, result]) => {
    if (!isRecord(result) || !Array.isArray(result.mutants)) {
      throw new ReportError(`${file}: no list of mutants`);
    }
    return result.mutants.map((mutant: unknown) => readMutant(file, mutant));
  });
}
