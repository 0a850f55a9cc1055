import type { TestProject } from 'vitest/node';
import { describeDatabaseUrl } from '../database/index.js';
import { type RunRegistration, registerRun } from './postgres-admin.js';
import { type ResolvedPostgres, resolvePostgres } from './postgres-source.js';
import { newTestRun, removeRunDirectory, sweepDeadRunDirectories } from './test-run.js';

/**
 * Once per run, before any test file: a directory for the run, the PostgreSQL every test file
 * will use (said out loud), and this run's claim on that server. The returned teardown removes
 * everything the run created, whether or not its tests passed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  sweepDeadRunDirectories();
  const run = newTestRun();
  const started = performance.now();
  const warn = (message: string) => process.stderr.write(`PostgreSQL for tests: ${message}\n`);
  let postgres: ResolvedPostgres;
  try {
    postgres = await resolvePostgres(process.env, { workDirectory: run.directory, warn });
  } catch (error) {
    removeRunDirectory(run);
    throw error;
  }
  let registration: RunRegistration | null = null;
  const teardown = async () => {
    try {
      await registration?.release();
      await postgres.stop();
    } finally {
      removeRunDirectory(run);
    }
  };
  try {
    if (postgres.url === null) {
      const message = 'No PostgreSQL found: set TEST_DATABASE_URL, start a Docker engine or a local server.';
      if (process.env.CI === 'true')
        throw new Error(`${message} CI=true requires the PostgreSQL tests to run.`);
      process.stderr.write(`\n*** ${message} PostgreSQL tests are SKIPPED in this run. ***\n\n`);
    } else {
      registration = await registerRun(postgres.url, run.id);
      const elapsed = Math.round(performance.now() - started);
      process.stdout.write(
        `PostgreSQL for tests: ${describeDatabaseUrl(postgres.url)} (${postgres.source}, ready in ${elapsed} ms)\n`,
      );
    }
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('postgresUrl', postgres.url);
  project.provide('testRun', run);
  return teardown;
}
