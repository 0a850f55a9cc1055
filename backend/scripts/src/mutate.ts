import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorMessage } from '@know-foolery/shared/utils';
import { formatScores, MUTATION_FLOOR, meetsFloor, scoreModule } from './mutation/floor.js';
import {
  chooseModules,
  loadMutationModules,
  parseMutateArguments,
  USAGE,
  UsageError,
} from './mutation/modules.js';
import { readMutationReport } from './mutation/report.js';

/** Where stryker.config.mjs writes a module's JSON report. */
const reportOf = (module: string) => resolve('reports', 'mutation', `${module}.json`);

async function mutate(argv: readonly string[]): Promise<boolean> {
  const choice = parseMutateArguments(argv);
  const modules = chooseModules(await loadMutationModules(resolve('stryker.modules.json')), choice);
  for (const module of modules) {
    const started = performance.now();
    const run = spawnSync('npx', ['--no-install', 'stryker', 'run'], {
      stdio: 'inherit',
      env: { ...process.env, MUTATION_MODULE: module.name },
    });
    if (run.status !== 0)
      throw new Error(`Stryker failed on ${module.name} (exit ${run.status ?? run.signal})`);
    const minutes = (performance.now() - started) / 60_000;
    process.stdout.write(`mutate: ${module.name} took ${minutes.toFixed(1)} min\n`);
  }
  const scores = modules.map((module) =>
    scoreModule(module.name, readMutationReport(JSON.parse(readFileSync(reportOf(module.name), 'utf8')))),
  );
  process.stdout.write(`\n${formatScores(scores, MUTATION_FLOOR)}\n`);
  return scores.every((score) => meetsFloor(score, MUTATION_FLOOR));
}

try {
  process.exitCode = (await mutate(process.argv.slice(2))) ? 0 : 1;
} catch (error) {
  process.stderr.write(`mutate: ${errorMessage(error)}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
