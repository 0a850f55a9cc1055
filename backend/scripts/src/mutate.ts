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

/** Runs Stryker on one module; false when it could not (its tests failing before any mutant, say). */
function runStryker(module: string): boolean {
  const started = performance.now();
  const run = spawnSync('npx', ['--no-install', 'stryker', 'run'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_MODULE: module },
  });
  const minutes = (performance.now() - started) / 60_000;
  process.stdout.write(
    `mutate: ${module} took ${minutes.toFixed(1)} min (exit ${run.status ?? run.signal})\n`,
  );
  return run.status === 0;
}

/** Every module chosen is run, even after one fails, so that one report says where each one stands. */
async function mutate(argv: readonly string[]): Promise<boolean> {
  const choice = parseMutateArguments(argv);
  const modules = chooseModules(await loadMutationModules(resolve('stryker.modules.json')), choice);
  const failed = modules.filter((module) => !runStryker(module.name));
  const scores = modules
    .filter((module) => !failed.includes(module))
    .map((module) =>
      scoreModule(module.name, readMutationReport(JSON.parse(readFileSync(reportOf(module.name), 'utf8')))),
    );
  process.stdout.write(`\n${formatScores(scores, MUTATION_FLOOR)}\n`);
  if (failed.length > 0) {
    process.stderr.write(`mutate: Stryker could not run ${failed.map((module) => module.name).join(', ')}\n`);
  }
  return failed.length === 0 && scores.every((score) => meetsFloor(score, MUTATION_FLOOR));
}

try {
  process.exitCode = (await mutate(process.argv.slice(2))) ? 0 : 1;
} catch (error) {
  process.stderr.write(`mutate: ${errorMessage(error)}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
