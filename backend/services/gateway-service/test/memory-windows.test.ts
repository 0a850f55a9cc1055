import { ManualClock } from '@know-foolery/shared/testing';
import { describe, expect, it } from 'vitest';
import { MemoryWindows } from '../src/edge/memory-windows.js';
import { describeWindowCounterContract } from './window-counter-contract.js';

const memory = new MemoryWindows();
describeWindowCounterContract('in-memory', () => memory);

describe('in-memory windows', () => {
  it('end at their exact instant', async () => {
    const clock = new ManualClock('2026-11-25T10:00:00.000Z');
    const windows = new MemoryWindows({ clock });
    await windows.hit('alice', 1_000);
    clock.advanceSeconds(0.999);
    expect(await windows.hit('alice', 1_000)).toEqual({ current: 2, ttl: 1 });
    clock.advanceSeconds(0.001);
    expect(await windows.hit('alice', 1_000)).toEqual({ current: 1, ttl: 1_000 });
  });

  it('hold at most their capacity, forgetting the oldest key first', async () => {
    const windows = new MemoryWindows({ capacity: 2 });
    await windows.hit('alice', 60_000);
    await windows.hit('bob', 60_000);
    await windows.hit('bob', 60_000);
    await windows.hit('carol', 60_000);
    expect((await windows.hit('bob', 60_000)).current).toBe(3);
    expect((await windows.hit('alice', 60_000)).current).toBe(1);
  });
});
