import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadEnvironment } from '@know-foolery/shared/config';
import { describeDatabaseUrl, type MigrationLog, openServiceDatabase } from '@know-foolery/shared/database';
import { errorMessage } from '@know-foolery/shared/utils';
import { loadConfig } from '../config.js';
import { questionMigrations } from '../data/migrations/index.js';
import type { QuestionDatabase } from '../data/schema.js';
import { dataFiles, parseFile } from '../import/import-files.js';
import { type ImportReport, importParsed } from '../import/importer.js';

const USAGE =
  'usage: seed [--json] [PATH]   (PATH: a data file or a directory of them; default ../shared/data/opentriviaqa/categories)';
const DEFAULT_SOURCE = '../shared/data/opentriviaqa/categories';

function fail(message: string, code: number): never {
  process.stderr.write(`seed: ${message}\n`);
  process.exit(code);
}

function summary(report: ImportReport, seconds: number): string {
  const reasons = Object.entries(report.rejectedByReason)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `  rejected   ${String(count).padStart(7)}  ${reason}`);
  return [
    `read       ${String(report.read).padStart(7)}`,
    `imported   ${String(report.imported).padStart(7)}`,
    `duplicates ${String(report.duplicates).padStart(7)}`,
    `rejected   ${String(report.rejected).padStart(7)}`,
    ...reasons,
    `in ${seconds.toFixed(1)} s`,
  ].join('\n');
}

function readArguments() {
  try {
    return parseArgs({
      options: { json: { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
  } catch (error) {
    return fail(`${errorMessage(error)}\n${USAGE}`, 2);
  }
}

async function main(): Promise<void> {
  const parsed = readArguments();
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (parsed.positionals.length > 1) fail(`one PATH at most\n${USAGE}`, 2);
  const source = resolve(parsed.positionals[0] ?? DEFAULT_SOURCE);
  if (!existsSync(source)) fail(`no such file or directory: ${source}`, 2);

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(loadEnvironment(process.env));
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : errorMessage(error), 78);
  }
  const quiet: MigrationLog = { info: () => undefined };
  const database = await openServiceDatabase<QuestionDatabase>(
    { ...config.database, migrateOnStart: true },
    questionMigrations,
    quiet,
  );
  const started = performance.now();
  try {
    const files = await dataFiles(source);
    const log = (line: string) => {
      if (parsed.values.json) return;
      if (process.stdout.isTTY) process.stdout.write(`\r\u001b[2K${line}`);
      else process.stdout.write(`${line}\n`);
    };
    if (!parsed.values.json)
      process.stdout.write(`seeding ${describeDatabaseUrl(config.database.url)} from ${source}\n`);
    const parsedFiles = [];
    for (const [index, file] of files.entries()) {
      const fileResult = await parseFile(file);
      parsedFiles.push(fileResult);
      log(`[${index + 1}/${files.length}] parsed ${fileResult.file}: ${fileResult.result.blocksRead} blocks`);
    }
    let done = 0;
    const report = await importParsed(database.db, parsedFiles, new Date(), (progress) => {
      done += 1;
      log(`[${done}/${files.length}] ${progress.file}: ${progress.read} read, ${progress.imported} imported`);
    });
    if (process.stdout.isTTY && !parsed.values.json) process.stdout.write('\n');
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : `${summary(report, seconds)}\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => fail(errorMessage(error), 1));
