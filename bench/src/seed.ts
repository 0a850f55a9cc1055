import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from './platform.js';

const run = promisify(execFile);
const SEED_CLI_PATH = 'backend/services/question-service/dist/cli/seed.js';
export const DATA_SET = join(REPOSITORY_ROOT, '../shared/data/opentriviaqa/categories');

/**
 * Seeds the question bank with the same command operators use (`npm run db:seed`), from the
 * checkout at `repositoryRoot` (the one whose platform will read it); returns its duration.
 */
export async function seedQuestions(
  source: string,
  workDirectory: string,
  databaseUrl?: string,
  repositoryRoot = REPOSITORY_ROOT,
): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [join(repositoryRoot, SEED_CLI_PATH), source], {
    cwd: workDirectory,
    env: {
      ...process.env,
      ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
      LOG_LEVEL: 'warn',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return performance.now() - started;
}

/** A synthetic bank of `count` questions in the JSON import format, in a directory of its own. */
export function syntheticBank(count: number): string {
  const directory = mkdtempSync(join(tmpdir(), 'kf-bench-bank-'));
  const questions = Array.from({ length: count }, (_, index) => ({
    theme: 'bench',
    text: `Benchmark question number ${index + 1}?`,
    answer: `answer ${index + 1}`,
  }));
  writeFileSync(join(directory, 'bench.json'), JSON.stringify(questions));
  return directory;
}
