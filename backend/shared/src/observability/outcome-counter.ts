import { Counter, type Registry } from 'prom-client';

/** A counter of how something ended, by `outcome`, from a closed list. */
export interface OutcomeCounter<Outcome extends string> {
  record(outcome: Outcome): void;
  /**
   * Runs `work` and counts how it ended: `succeeded` (or what it says of the result) when it
   * returns, what `failedWith` says of the error when it throws (nothing when it says undefined: a
   * bug is not an outcome); the error is thrown on.
   */
  counting<T>(work: () => Promise<T>, outcomes: CountedOutcomes<T, Outcome>): Promise<T>;
}

export interface CountedOutcomes<T, Outcome extends string> {
  readonly succeeded: Outcome | ((result: T) => Outcome);
  readonly failedWith: (error: unknown) => Outcome | undefined;
}

/**
 * `<name>{outcome}` in the registry, every outcome's series written at zero from the start, so that
 * a rate over it exists before the first event and an alert on a ratio has both sides.
 */
export function outcomeCounter<Outcome extends string>(
  registry: Registry,
  metric: { readonly name: string; readonly help: string; readonly outcomes: readonly Outcome[] },
): OutcomeCounter<Outcome> {
  const counter = new Counter({
    name: metric.name,
    help: metric.help,
    labelNames: ['outcome'],
    registers: [registry],
  });
  for (const outcome of metric.outcomes) counter.inc({ outcome }, 0);
  const record = (outcome: Outcome) => counter.inc({ outcome });
  return {
    record,
    async counting(work, { succeeded, failedWith }) {
      // Through a promise from the start: a `work` that throws before its first await is counted too.
      const result = await Promise.resolve()
        .then(work)
        .catch((error: unknown) => {
          const outcome = failedWith(error);
          if (outcome !== undefined) record(outcome);
          throw error;
        });
      record(typeof succeeded === 'function' ? succeeded(result) : succeeded);
      return result;
    },
  };
}
