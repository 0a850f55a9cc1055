import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startIndexCleanup } from '../src/use-cases/index-cleanup.js';

describe('the index cleanup routine', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('prunes every interval, rides out a failed round, and stops when told', async () => {
    const outcomes: (number | Error)[] = [2, new Error('Redis is down'), 0];
    let rounds = 0;
    const store = {
      async pruneIndexes() {
        const outcome = outcomes[rounds] ?? 0;
        rounds += 1;
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
    };
    const lines: { level: string; details: Readonly<Record<string, unknown>> }[] = [];
    const log = {
      debug: (details: Readonly<Record<string, unknown>>) => lines.push({ level: 'debug', details }),
      warn: (details: Readonly<Record<string, unknown>>) => lines.push({ level: 'warn', details }),
    };
    const cleanup = startIndexCleanup(store, 1_000, log);
    await vi.advanceTimersByTimeAsync(999);
    expect(rounds).toBe(0);
    await vi.advanceTimersByTimeAsync(2_001);
    expect(rounds).toBe(3);
    expect(lines).toEqual([
      { level: 'debug', details: { pruned: 2 } },
      { level: 'warn', details: { error: 'Redis is down' } },
      { level: 'debug', details: { pruned: 0 } },
    ]);
    cleanup.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rounds).toBe(3);
  });
});
