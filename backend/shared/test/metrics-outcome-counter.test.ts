import { describe, expect, it } from 'vitest';
import { createMetricsRegistry, outcomeCounter } from '../src/observability/index.js';

const OUTCOMES = ['done', 'refused', 'down'] as const;

function countsOf(text: string): Record<string, number> {
  return Object.fromEntries(
    [...text.matchAll(/^probe_outcomes_total\{outcome="(\w+)"\} (\d+)$/gm)].map(([, outcome, value]) => [
      outcome,
      Number(value),
    ]),
  );
}

describe('outcomeCounter', () => {
  it('starts every outcome at zero and counts how each piece of work ended', async () => {
    const registry = createMetricsRegistry();
    const counter = outcomeCounter(registry, {
      name: 'probe_outcomes_total',
      help: 'Probe outcomes',
      outcomes: OUTCOMES,
    });
    expect(countsOf(await registry.metrics())).toEqual({ done: 0, refused: 0, down: 0 });

    const failedWith = (error: unknown) => (error instanceof RangeError ? 'refused' : undefined);
    expect(await counter.counting(async () => 42, { succeeded: 'done', failedWith })).toBe(42);
    expect(
      await counter.counting(async () => 'down' as const, { succeeded: (result) => result, failedWith }),
    ).toBe('down');
    await expect(
      counter.counting(
        () => {
          throw new RangeError('refused before any await');
        },
        { succeeded: 'done', failedWith },
      ),
    ).rejects.toThrow(RangeError);
    // A failure the caller does not name an outcome for (a bug) is thrown on, not counted.
    await expect(
      counter.counting(() => Promise.reject(new TypeError('a bug')), { succeeded: 'done', failedWith }),
    ).rejects.toThrow(TypeError);
    counter.record('refused');

    expect(countsOf(await registry.metrics())).toEqual({ done: 1, refused: 2, down: 1 });
  });
});
