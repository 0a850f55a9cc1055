import { ManualClock } from '@know-foolery/shared/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemorySessionStore } from '../src/data/memory-session-store.js';
import { describeSessionStoreContract } from './session-store-contract.js';
import { testSession } from './session-store-fixtures.js';

const SWEEP_MS = 60_000;

describeSessionStoreContract('memory', async (clock) => {
  const store = new MemorySessionStore({ clock, sweepIntervalMs: SWEEP_MS });
  return { store, release: () => store.close() };
});

describe('memory session store housekeeping', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sweeps expired sessions out of memory on its timer, and stops the timer on close', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = new ManualClock('2025-03-01T10:00:00.000Z');
    const store = new MemorySessionStore({ clock, sweepIntervalMs: SWEEP_MS });
    const policy = { ttlSeconds: 60, maxLifetimeSeconds: 600, maxPerUser: 5 };
    const short = testSession('alice', { now: clock.now(), policy });
    await store.add(short, policy.maxPerUser);
    clock.advanceSeconds(30);
    const later = testSession('alice', { now: clock.now(), policy });
    await store.add(later, policy.maxPerUser);
    expect(vi.getTimerCount()).toBe(1);

    clock.advanceSeconds(30);
    vi.advanceTimersByTime(SWEEP_MS);
    expect(store.size).toBe(1);
    expect(await store.find(later.handle)).toEqual(later);

    await store.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not keep the process alive with its sweep timer', async () => {
    const refTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = refTimers();
    const store = new MemorySessionStore({
      clock: new ManualClock('2025-03-01T10:00:00.000Z'),
      sweepIntervalMs: SWEEP_MS,
    });
    // An unref'd interval is not an active resource: it never delays the process's exit.
    expect(refTimers()).toBe(before);
    await store.close();
  });
});
