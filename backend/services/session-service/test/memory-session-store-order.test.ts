import { ManualClock } from '@know-foolery/shared/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../src/data/memory-session-store.js';
import type { Session } from '../src/domain/session.js';
import { testSession } from './session-store-fixtures.js';

const policy = { ttlSeconds: 3_600, maxLifetimeSeconds: 4 * 3_600, maxPerUser: 3 };

describe('the memory session store', () => {
  let clock: ManualClock;
  let store: MemorySessionStore;

  const openedAt = (userId: string, iso: string): Session =>
    testSession(userId, { now: new Date(iso), policy });

  beforeEach(() => {
    clock = new ManualClock('2025-03-01T10:00:00.000Z');
    store = new MemorySessionStore({ clock, sweepIntervalMs: 60_000 });
  });

  afterEach(async () => {
    await store.close();
  });

  it('lists and evicts by creation, whatever order the sessions were stored in', async () => {
    const later = openedAt('alice', '2025-03-01T09:59:00.000Z');
    const earlier = openedAt('alice', '2025-03-01T09:58:00.000Z');
    const earliest = openedAt('alice', '2025-03-01T09:57:00.000Z');
    await store.add(later, policy.maxPerUser);
    await store.add(earlier, policy.maxPerUser);
    await store.add(earliest, policy.maxPerUser);
    expect(await store.listByUser('alice')).toEqual([earliest, earlier, later]);

    const newest = openedAt('alice', '2025-03-01T10:00:00.000Z');
    expect(await store.add(newest, policy.maxPerUser)).toEqual([earliest.handle]);
  });

  it('says how many expired sessions a sweep or a prune dropped', async () => {
    await store.add(openedAt('alice', '2025-03-01T10:00:00.000Z'), policy.maxPerUser);
    await store.add(openedAt('bob', '2025-03-01T10:00:00.000Z'), policy.maxPerUser);
    clock.advanceSeconds(policy.ttlSeconds);
    expect(store.sweep()).toBe(2);
    expect(store.sweep()).toBe(0);
    expect(await store.pruneIndexes()).toBe(0);
  });
});
