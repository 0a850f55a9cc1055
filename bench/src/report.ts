import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the results table; `ratio` compares it with the baseline named in `baseline`. */
export interface Row {
  readonly scenario: string;
  readonly requestsPerSecond?: number;
  readonly p50?: number;
  readonly p99?: number;
  readonly p999?: number;
  /** A value that is not a rate: a duration in ms or a size in MiB, with its unit in `unit`. */
  readonly value?: number;
  readonly unit?: string;
  readonly baseline?: string;
  readonly ratio?: number;
  readonly note?: string;
  /** User + system CPU of every serving process over the measurement, per request. */
  readonly cpuMicrosPerRequest?: number;
  /** `cpuMicrosPerRequest` over the bare baseline's. */
  readonly cpuRatio?: number;
}

/** Every row's CPU per request read against the bare baseline's, measured in the same run. */
export function withCpuRatios(rows: readonly Row[], bareCpuMicrosPerRequest: number): Row[] {
  return rows.map((row) =>
    row.cpuMicrosPerRequest === undefined || bareCpuMicrosPerRequest <= 0
      ? row
      : { ...row, cpuRatio: row.cpuMicrosPerRequest / bareCpuMicrosPerRequest },
  );
}

const format = (value: number | undefined, digits = 1) => (value === undefined ? '' : value.toFixed(digits));

export function renderTable(rows: readonly Row[]): string {
  const header =
    '| scenario | req/s | p50 ms | p99 ms | p99.9 ms | CPU µs/req | CPU × bare | value | ratio | baseline | note |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|';
  const lines = rows.map(
    (row) =>
      `| ${row.scenario} | ${format(row.requestsPerSecond, 0)} | ${format(row.p50)} | ${format(row.p99)} | ${format(row.p999)} | ${format(row.cpuMicrosPerRequest, 0)} | ${row.cpuRatio === undefined ? '' : `${row.cpuRatio.toFixed(1)}×`} | ${row.value === undefined ? '' : `${format(row.value)} ${row.unit ?? ''}`} | ${row.ratio === undefined ? '' : `${(row.ratio * 100).toFixed(0)}%`} | ${row.baseline ?? ''} | ${row.note ?? ''} |`,
  );
  return [header, rule, ...lines].join('\n');
}

export function saveResults(directory: string, table: string, context: string): string {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${new Date().toISOString().slice(0, 10)}.md`);
  writeFileSync(file, `# Benchmark results\n\n${context}\n\n${table}\n`);
  return file;
}
