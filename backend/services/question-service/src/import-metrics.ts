import { AppError } from '@know-foolery/shared/errors';
import { type MetricsRegistry, outcomeCounter } from '@know-foolery/shared/observability';

const IMPORT_OUTCOMES = ['completed', 'rejected', 'failed'] as const;
type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** Runs an import, counted by how it ended. */
export type ImportCounter = <T>(runImport: () => Promise<T>) => Promise<T>;

/** A refusal of the file or the request (4xx) is the caller's; anything else failed here. */
function outcomeOf(error: unknown): ImportOutcome {
  return error instanceof AppError && error.statusCode < 500 ? 'rejected' : 'failed';
}

/**
 * `question_imports_total` by outcome: completed (a report was returned, whatever it counted),
 * rejected (the file could not be read, was too large or not text), failed (the service's fault).
 */
export function countedImports(registry: MetricsRegistry): ImportCounter {
  const imports = outcomeCounter(registry, {
    name: 'question_imports_total',
    help: 'Question imports, by outcome: completed, rejected (the file or request refused) or failed',
    outcomes: IMPORT_OUTCOMES,
  });
  return (runImport) => imports.counting(runImport, { succeeded: 'completed', failedWith: outcomeOf });
}
