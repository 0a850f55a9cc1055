import type { MutantStatus, ReportedMutant } from './report.js';

/** The least share of a module's mutants its tests must kill, in percent. */
export const MUTATION_FLOOR = 85;

type Outcome = 'detected' | 'undetected' | 'ignored' | 'invalid';

/** Stryker's own counting: a mutant that hung the tests was noticed; one that errored was no valid mutant. */
const OUTCOMES: Readonly<Record<MutantStatus, Outcome>> = {
  Killed: 'detected',
  Timeout: 'detected',
  Survived: 'undetected',
  NoCoverage: 'undetected',
  // A run that left a mutant untested proves nothing about it.
  Pending: 'undetected',
  Ignored: 'ignored',
  CompileError: 'invalid',
  RuntimeError: 'invalid',
};

export interface ModuleScore {
  readonly module: string;
  readonly killed: number;
  /** Disabled in the source with the reason it is equivalent: no test can tell it from the original. */
  readonly equivalent: number;
  /** Percent of the valid mutants, equivalent ones aside, that the tests killed; null when there were none. */
  readonly score: number | null;
  /** The mutants no test noticed, in report order. */
  readonly survivors: readonly ReportedMutant[];
}

export function scoreModule(module: string, mutants: readonly ReportedMutant[]): ModuleScore {
  const count = (outcome: Outcome) => mutants.filter((mutant) => OUTCOMES[mutant.status] === outcome);
  const killed = count('detected').length;
  const survivors = count('undetected');
  const valid = killed + survivors.length;
  return {
    module,
    killed,
    equivalent: count('ignored').length,
    score: valid === 0 ? null : (killed / valid) * 100,
    survivors,
  };
}

/** A module with no mutant to kill never passes: its globs match nothing, or nothing it mutates. */
export function meetsFloor(score: ModuleScore, floor: number): boolean {
  return score.score !== null && score.score >= floor;
}

/** Rounded down, so a score shown as the floor is never one below it. */
function percent(score: number | null): string {
  return score === null ? 'no mutants' : `${(Math.floor(score * 10) / 10).toFixed(1)}%`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const MAX_REPLACEMENT = 70;

function describeMutant(mutant: ReportedMutant): string {
  const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').trim();
  const shown =
    replacement.length > MAX_REPLACEMENT ? `${replacement.slice(0, MAX_REPLACEMENT - 1)}…` : replacement;
  return `  ${mutant.file}:${mutant.line}:${mutant.column}  ${mutant.mutator}  ${shown}`.trimEnd();
}

/** The score of every module against the floor, then each surviving mutant by name and place. */
export function formatScores(scores: readonly ModuleScore[], floor: number): string {
  const rows = [
    ['module', 'killed', 'survived', 'equivalent', 'score', `floor ${floor}%`],
    ...scores.map((score) => [
      score.module,
      String(score.killed),
      String(score.survivors.length),
      String(score.equivalent),
      percent(score.score),
      meetsFloor(score, floor) ? 'ok' : 'BELOW',
    ]),
  ];
  const survivors = scores
    .filter((score) => score.survivors.length > 0)
    .map((score) =>
      [`Surviving mutants of ${score.module}:`, ...score.survivors.map(describeMutant)].join('\n'),
    );
  return [table(rows), ...survivors].join('\n\n');
}
