import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type EnvSource, loadEnvironment } from '@know-foolery/shared/config';
import { describeDatabaseUrl, type MigrationLog, openServiceDatabase } from '@know-foolery/shared/database';
import { errorMessage } from '@know-foolery/shared/utils';
import type { Kysely } from 'kysely';
import { loadConfig, type QuestionServiceConfig } from '../config.js';
import { questionMigrations } from '../data/migrations/index.js';
import type { QuestionDatabase } from '../data/schema.js';
import { dataFiles, parseFile } from '../import/import-files.js';
import { importParsed } from '../import/importer.js';
import type { ParsedFile } from '../import/parsed-question.js';
import { NO_PROGRESS, type Output, progressLine } from './progress-line.js';
import { readSeedArguments, type SeedArguments, USAGE, UsageError } from './seed-arguments.js';
import { invalidateRunningCaches } from './seed-invalidation.js';
import { formatSummary, PRINTED, writeReportFile } from './seed-report.js';

export interface SeedIo {
  readonly env: EnvSource;
  readonly cwd: string;
  readonly stdout: Output;
  readonly stderr: Output;
}

/** Where the full list goes: the file asked for, else a new file under .data/ when the summary cannot print it all. */
function reportFileFor(args: SeedArguments, files: readonly ParsedFile[], cwd: string): string | null {
  if (args.report !== null) return resolve(cwd, args.report);
  const listed = files.reduce(
    (total, { result }) => total + result.rejected.length + result.warnings.length,
    0,
  );
  if (listed <= PRINTED) return null;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return resolve(cwd, '.data', `seed-report-${stamp}.tsv`);
}

async function seed(db: Kysely<QuestionDatabase>, source: string, args: SeedArguments, io: SeedIo) {
  const started = performance.now();
  const progress = args.json ? NO_PROGRESS : progressLine(io.stdout);
  const files = await dataFiles(source);
  const parsed: ParsedFile[] = [];
  for (const [index, file] of files.entries()) {
    parsed.push(await parseFile(file));
    progress.update(`parsed ${index + 1}/${files.length} files: ${file.name}`);
  }
  const report = await importParsed(db, parsed, new Date(), {
    mode: args.mode,
    onProgress: ({ theme, themesDone, themes, imported }) =>
      progress.update(`wrote ${themesDone}/${themes} themes: ${theme} (${imported} new)`),
  });
  progress.finish();
  const reportFile = reportFileFor(args, parsed, io.cwd);
  if (reportFile !== null) await writeReportFile(reportFile, parsed);
  const seconds = (performance.now() - started) / 1000;
  io.stdout.write(
    args.json
      ? `${JSON.stringify({ ...report, reportFile }, null, 2)}\n`
      : `${formatSummary(report, { seconds, reportFile })}\n`,
  );
}

async function storedQuestions(db: Kysely<QuestionDatabase>): Promise<number> {
  const row = await db
    .selectFrom('questions')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The seed command: imports a data file or directory into question-service's database. Returns the exit code. */
export async function runSeed(argv: readonly string[], io: SeedIo): Promise<number> {
  const fail = (message: string, code: number) => {
    io.stderr.write(`seed: ${message}\n`);
    return code;
  };
  let args: SeedArguments;
  try {
    args = readSeedArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\n${USAGE}`, 2);
    throw error;
  }
  if (args.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const source = resolve(io.cwd, args.path);
  if (!existsSync(source)) return fail(`no such file or directory: ${source}`, 2);
  let config: QuestionServiceConfig;
  try {
    config = loadConfig(loadEnvironment(io.env));
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : errorMessage(error), 78);
  }
  try {
    const quiet: MigrationLog = { info: () => undefined };
    const database = await openServiceDatabase<QuestionDatabase>(
      { ...config.database, migrateOnStart: true },
      questionMigrations,
      quiet,
    );
    try {
      const stored = args.ifEmpty ? await storedQuestions(database.db) : 0;
      if (stored > 0) {
        io.stdout.write(
          args.json
            ? `${JSON.stringify({ skipped: 'the bank is not empty', stored })}\n`
            : `the bank already holds ${stored} questions: nothing seeded (--if-empty)\n`,
        );
        return 0;
      }
      if (!args.json)
        io.stdout.write(
          `seeding ${describeDatabaseUrl(config.database.url)} from ${source} (mode ${args.mode})\n`,
        );
      await seed(database.db, source, args, io);
    } finally {
      await database.close();
    }
    const notice = await invalidateRunningCaches(config.redis);
    if (notice.told === true && !args.json)
      io.stdout.write("told the running services' caches through Redis\n");
    if (notice.told === false)
      io.stderr.write(
        `seed: could not tell the running services' caches (${notice.reason}): they catch up within a minute\n`,
      );
    return 0;
  } catch (error) {
    return fail(errorMessage(error), 1);
  }
}
