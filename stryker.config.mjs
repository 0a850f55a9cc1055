import modules from './stryker.modules.json' with { type: 'json' };

/**
 * Mutation testing of one module of stryker.modules.json, named by MUTATION_MODULE; vitest.mutation.config.ts
 * runs that module's tests only. A mutant that runs at import time (a constant, a pattern) cannot be
 * traced to the tests that reach it, so Stryker runs every test of the run against it: with one run per
 * module, that is the module's own tests rather than the whole suite. `npm run mutate` runs the modules
 * one after another and holds each to the floor; see "Mutation testing" in the README.
 */
const moduleName = process.env.MUTATION_MODULE ?? '';
const module = Object.hasOwn(modules, moduleName) ? modules[moduleName] : undefined;
if (module === undefined) {
  throw new Error(
    `set MUTATION_MODULE to one of ${Object.keys(modules).join(', ')} (npm run mutate runs them all)`,
  );
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Not `testFiles`: Stryker 9.6.1 then activates import-time mutants after the import, and every one
  // survives (stryker-js#6144). vitest.mutation.config.ts narrows the tests instead.
  mutate: module.mutate,
  ignorePatterns: ['**/dist', 'coverage', '**/.data', 'bench/results', 'reports', '.stryker-tmp'],
  concurrency: 2,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  clearTextReporter: { reportTests: false },
  jsonReporter: { fileName: `reports/mutation/${moduleName}.json` },
  htmlReporter: { fileName: `reports/mutation/${moduleName}.html` },
  tempDirName: '.stryker-tmp',
  // The OpenTriviaQA data set sits beside the repository (../shared), and the sandbox one level deeper.
  buildCommand: 'ln -sfn ../../shared ../shared',
};
