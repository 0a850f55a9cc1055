import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ImportReport } from '../import/importer.js';
import type { ImportWarning, ParsedFile, RejectedBlock } from '../import/parsed-question.js';

/** How many rejections and warnings the summary prints; the report file has them all. */
export const PRINTED = 20;

const rejectionLine = (rejection: RejectedBlock) =>
  `rejected\t${rejection.file}:${rejection.line}\t${rejection.reason}\t${rejection.excerpt}`;
const warningLine = (warning: ImportWarning) =>
  `warning\t${warning.file}:${warning.line}\t${warning.message}`;

/** Every rejected block, warning and skipped file, one per line, tab-separated (a report caps its lists). */
export async function writeReportFile(path: string, files: readonly ParsedFile[]): Promise<void> {
  const lines = ['# kind\tfile:line\treason\tdetail'];
  for (const { file, result } of files) {
    if (result.skipped !== null) lines.push(`skipped\t${file}\t${result.skipped}`);
    for (const rejection of result.rejected) lines.push(rejectionLine(rejection));
    for (const warning of result.warnings) lines.push(warningLine(warning));
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${lines.join('\n')}\n`);
}

const count = (value: number) => value.toLocaleString('en-US').padStart(9);
const row = (label: string, value: number) => `${label.padEnd(24)}${count(value)}`;

/** The human summary: counts by kind, by rejection reason, skipped files, then the first rejections and warnings. */
export function formatSummary(
  report: ImportReport,
  context: { readonly seconds: number; readonly reportFile: string | null },
): string {
  const reasons = Object.entries(report.rejectedByReason)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, total]) => row(`  ${reason}`, total));
  const lines = [
    row('read', report.read),
    row('imported', report.imported),
    row('duplicates', report.duplicates),
    row('reactivated', report.reactivated),
    row('deactivated', report.deactivated),
    'by kind (valid questions read)',
    row('  free_text', report.byKind.free_text),
    row('  true_false', report.byKind.true_false),
    row('  needs_options', report.byKind.needs_options),
    row('rejected', report.rejected),
    ...reasons,
    row('warnings', report.warnings.length + report.warningsOmitted),
    row('skipped files', report.skippedFiles.length),
    ...report.skippedFiles.map((skipped) => `  ${skipped.file}: ${skipped.reason}`),
  ];
  const rejections = report.rejections.slice(0, PRINTED).map((rejection) => `  ${rejectionLine(rejection)}`);
  const warnings = report.warnings.slice(0, PRINTED).map((warning) => `  ${warningLine(warning)}`);
  if (rejections.length > 0) lines.push(`first rejected blocks:`, ...rejections);
  if (warnings.length > 0) lines.push(`first warnings:`, ...warnings);
  if (context.reportFile !== null)
    lines.push(`every rejected block, warning and skipped file: ${context.reportFile}`);
  lines.push(`in ${context.seconds.toFixed(1)} s`);
  return lines.join('\n');
}
