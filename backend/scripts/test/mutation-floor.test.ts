import { describe, expect, it } from 'vitest';
import { formatScores, meetsFloor, scoreModule } from '../src/mutation/floor.js';
import { type MutantStatus, ReportError, readMutationReport } from '../src/mutation/report.js';

const mutant = (status: MutantStatus, line = 1, replacement = '-') => ({
  id: `${status}-${line}`,
  mutatorName: 'ArithmeticOperator',
  replacement,
  location: { start: { line, column: 7 }, end: { line, column: 8 } },
  status,
});

const report = (mutants: readonly object[]) => ({
  schemaVersion: '2',
  thresholds: { high: 80, low: 60 },
  files: { 'src/rules.ts': { language: 'typescript', source: '', mutants } },
});

const scoreOf = (statuses: readonly MutantStatus[]) =>
  scoreModule(
    'rules',
    readMutationReport(report(statuses.map((status, index) => mutant(status, index + 1)))),
  );

describe('the mutation floor', () => {
  it('reads each mutant of a Stryker JSON report with its place, mutator and replacement', () => {
    expect(readMutationReport(report([mutant('Survived', 12, 'a < b')]))).toEqual([
      {
        file: 'src/rules.ts',
        line: 12,
        column: 7,
        mutator: 'ArithmeticOperator',
        replacement: 'a < b',
        status: 'Survived',
      },
    ]);
  });

  it.each([
    ['a document without files', { schemaVersion: '2' }],
    ['a file without a list of mutants', { files: { 'src/rules.ts': { mutants: {} } } }],
    ['a mutant of an unknown status', report([{ ...mutant('Killed'), status: 'Dead' }])],
    ['a mutant without a position', report([{ ...mutant('Killed'), location: {} }])],
  ])('refuses %s', (_case, document) => {
    expect(() => readMutationReport(document)).toThrow(ReportError);
  });

  it('counts timeouts as killed, uncovered mutants as survivors, and leaves out equivalent and invalid ones', () => {
    const score = scoreOf([
      'Killed',
      'Killed',
      'Timeout',
      'Survived',
      'NoCoverage',
      'Ignored',
      'CompileError',
      'RuntimeError',
    ]);
    expect(score).toMatchObject({ killed: 3, equivalent: 1, score: 60 });
    expect(score.survivors.map((survivor) => survivor.status)).toEqual(['Survived', 'NoCoverage']);
  });

  it('passes a module at the floor and fails one just under it, or one with no mutant to kill', () => {
    const killedAndSurvived = (killed: number, survived: number) =>
      scoreOf([
        ...Array<MutantStatus>(killed).fill('Killed'),
        ...Array<MutantStatus>(survived).fill('Survived'),
      ]);
    const atFloor = killedAndSurvived(17, 3);
    const justUnder = killedAndSurvived(169, 30);
    expect(atFloor.score).toBe(85);
    expect(meetsFloor(atFloor, 85)).toBe(true);
    expect(meetsFloor(justUnder, 85)).toBe(false);
    expect(meetsFloor(scoreOf(['Ignored', 'CompileError']), 85)).toBe(false);
    // Rounded down: a module under the floor never shows as at it.
    expect(formatScores([justUnder], 85)).toMatch(/84\.9%\s+BELOW/);
  });

  it('reports the score of each module and names every surviving mutant by file, line, column and mutator', () => {
    const rules = scoreModule(
      'rules',
      readMutationReport(report([mutant('Killed', 3), mutant('Survived', 9, 'a\n  <= b')])),
    );
    const periods = scoreModule('periods', readMutationReport(report([mutant('Killed', 4)])));
    const output = formatScores([rules, periods], 85);
    expect(output.split('\n').slice(0, 3)).toEqual([
      'module   killed  survived  equivalent  score   floor 85%',
      'rules    1       1         0           50.0%   BELOW',
      'periods  1       0         0           100.0%  ok',
    ]);
    expect(output).toContain('Surviving mutants of rules:\n  src/rules.ts:9:7  ArithmeticOperator  a <= b');
    expect(output).not.toContain('Surviving mutants of periods');
  });
});
