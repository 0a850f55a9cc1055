import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultAnalysis, LoadAnalysis } from './analysis.js';
import type { InvariantResult } from './invariants.js';
import { FAULT_DESCRIPTIONS, type Profile } from './schedule.js';

export interface LoadReport {
  readonly profile: Profile;
  readonly rate: number;
  readonly players: number;
  readonly killedService: string;
  readonly analysis: LoadAnalysis;
  /** What a probe saw after a fault's end (a restarted service ready, a new sign-in working), by index. */
  readonly probes: ReadonlyMap<number, string>;
  readonly invariants: readonly InvariantResult[];
  readonly lostAnswers: number;
  readonly acceptedAnswers: number;
  readonly unknownAnswers: number;
  readonly finishedGames: number;
  readonly unserved: number;
  readonly loadAverage: { readonly before: readonly number[]; readonly after: readonly number[] };
}

/** A median this slow means arrivals queue for free players: the platform is not keeping up with the rate. */
const SATURATED_P50_MS = 1_000;
const seconds = (ms: number | undefined, digits = 1) =>
  ms === undefined ? 'never' : (ms / 1000).toFixed(digits);
const mark = (met: boolean) => (met ? '✔' : '✘');

export function invariantViolations(report: LoadReport): number {
  return report.invariants.reduce((sum, invariant) => sum + invariant.violations, 0);
}

function statuses(counts: ReadonlyMap<string, number>): string {
  if (counts.size === 0) return 'none';
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([status, count]) => `${status} × ${count}`)
    .join(', ');
}

function recoveryMet(fault: FaultAnalysis): boolean {
  return fault.recoveryMs !== undefined && fault.recoveryMs <= fault.goalMs;
}

function goalsTable(report: LoadReport): string[] {
  const { analysis } = report;
  const lost = report.lostAnswers;
  const violations = invariantViolations(report);
  const outside = [...analysis.errorsOutsideWindows.values()].reduce((sum, count) => sum + count, 0);
  const slow = analysis.faults.filter((fault) => !recoveryMet(fault));
  return [
    '| goal | result | met |',
    '|---|---|:-:|',
    `| 0 accepted answers lost | ${lost} lost of ${report.acceptedAnswers} accepted | ${mark(lost === 0)} |`,
    `| 0 invariant violations | ${violations} | ${mark(violations === 0)} |`,
    `| no error outside a fault's window | ${outside === 0 ? 'none' : `${statuses(analysis.errorsOutsideWindows)}; the first at ${seconds(analysis.firstErrorOutsideMs)} s`} | ${mark(outside === 0)} |`,
    `| recovery within 5 s of a fault's end (10 s for the identity provider) | ${slow.length === 0 ? 'every fault' : `missed by ${slow.map((fault) => fault.fault.planned.kind).join(', ')}`} | ${mark(slow.length === 0)} |`,
  ];
}

function faultsTable(report: LoadReport): string[] {
  const rows = report.analysis.faults.map((fault, index) => {
    const { planned, startedAtMs, endedAtMs, detail } = fault.fault;
    return `| ${index + 1} | ${FAULT_DESCRIPTIONS[planned.kind]} | ${seconds(startedAtMs)} | ${seconds(endedAtMs - startedAtMs)} | ${detail} | ${statuses(fault.errorsByStatus)} | ${seconds(fault.recoveryMs)} | ${seconds(fault.goalMs, 0)} | ${mark(recoveryMet(fault))} | ${report.probes.get(index) ?? ''} |`;
  });
  return [
    '| # | fault | at s | lasted s | detail | errors clients saw in its window | recovered after its end, s | goal s | met | probe after its end |',
    '|---|---|---:|---:|---|---|---:|---:|:-:|---|',
    ...rows,
  ];
}

function invariantsTable(report: LoadReport): string[] {
  return [
    '| invariant | checked | violations | examples |',
    '|---|---:|---:|---|',
    ...report.invariants.map(
      (invariant) =>
        `| ${invariant.name} | ${invariant.checked} | ${invariant.violations} | ${invariant.examples.join('; ')} |`,
    ),
  ];
}

/** What the run itself says about each goal it missed; nothing when every goal was met. */
function missedGoalNotes(report: LoadReport): string[] {
  const { analysis } = report;
  const notes: string[] = [];
  for (const [index, fault] of analysis.faults.entries()) {
    const probe = report.probes.get(index);
    if (!recoveryMet(fault))
      notes.push(
        `- Fault ${index + 1} (${fault.fault.planned.kind}) recovered ${fault.recoveryMs === undefined ? 'never' : `after ${seconds(fault.recoveryMs)} s`}, goal ${seconds(fault.goalMs, 0)} s` +
          `${probe === undefined ? '' : `; ${probe}`}${fault.errorsAfterWindow > 0 ? `; the ${fault.errorsAfterWindow} errors after its window are this slow recovery` : ''}.`,
      );
  }
  const attributed = analysis.faults.reduce((sum, fault) => sum + fault.errorsAfterWindow, 0);
  const outside = [...analysis.errorsOutsideWindows.values()].reduce((sum, count) => sum + count, 0);
  if (outside > attributed)
    notes.push(
      `- ${outside - attributed} errors came before the first fault: the platform was not serving steadily yet.`,
    );
  if (report.lostAnswers > 0)
    notes.push(
      `- ${report.lostAnswers} answers a client saw accepted are not in question_attempts: see the invariants' examples.`,
    );
  if (notes.length > 0 && (report.unserved > 0 || analysis.latencyP50Ms > SATURATED_P50_MS))
    notes.push(
      `- The platform fell behind the arrival rate (${report.unserved} arrivals unserved at the end, p50 latency ${seconds(analysis.latencyP50Ms)} s): ` +
        'the machine was saturated (see the load average), so requests queued behind the backlog and every recovery above includes draining it. Try a lower --rate.',
    );
  return notes.length === 0 ? [] : ['## Why goals were missed', '', ...notes, ''];
}

export function renderLoadReport(report: LoadReport): string {
  const { analysis, profile } = report;
  const achieved = analysis.requests / profile.totalSeconds;
  const average = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  return [
    `# Load with faults, profile ${profile.name}`,
    '',
    `${report.players} players signed in at the development identity provider through the gateway (session cookie + CSRF token), ` +
      `playing at ${report.rate} requests/s (open model) for ${profile.totalSeconds} s against the launcher's platform on PostgreSQL and Redis, ` +
      `each behind a TCP relay; the killed service: ${report.killedService}-service. Node ${process.version}; load average (1 / 5 / 15 min) ` +
      `${average(report.loadAverage.before)} before, ${average(report.loadAverage.after)} after.`,
    '',
    '## Goals',
    '',
    ...goalsTable(report),
    '',
    '## Faults',
    '',
    'Errors: no response, a 5xx, 401, 403 or 429 (a 409 is the game telling a player who lost track where it stands). ' +
      "A fault's window runs from its start to its end plus its goal; recovery is the time from its end to the first success after the last error before the next fault.",
    '',
    ...faultsTable(report),
    '',
    ...missedGoalNotes(report),
    '## Invariants, checked against the databases after the run',
    '',
    ...invariantsTable(report),
    '',
    '## Load',
    '',
    `${analysis.requests} requests (${achieved.toFixed(1)}/s achieved), ${analysis.errors} errors, ${analysis.conflicts} conflicts (409), ` +
      `${report.unserved} arrivals unserved at the end; latency from the due time p50 ${analysis.latencyP50Ms.toFixed(0)} ms, p99 ${analysis.latencyP99Ms.toFixed(0)} ms. ` +
      `${report.acceptedAnswers} answers accepted, ${report.unknownAnswers} sent without learning their fate, ${report.finishedGames} games finished.`,
    '',
  ].join('\n');
}

export function saveLoadReport(directory: string, markdown: string): string {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${new Date().toISOString().slice(0, 10)}-load-faults.md`);
  writeFileSync(file, markdown);
  return file;
}
