import { inject } from 'vitest';
import type { TestRun } from './test-run.js';

/** The server the global setup found (an admin URL), or null when this run has none. */
export function providedPostgresUrl(): string | null {
  return inject('postgresUrl');
}

export function providedTestRun(): TestRun {
  return inject('testRun');
}
