import { createCache } from '@know-foolery/shared/cache';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { ManualClock } from '@know-foolery/shared/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { REVOCATION_MARKS_CACHE, revocationMarkTag, revocationMarkValues } from '../src/contract/index.js';
import { AnnouncedTokenRevocations } from '../src/data/announced-token-revocations.js';
import { MemoryTokenRevocations } from '../src/data/memory-token-revocations.js';
import type { TokenRevocations } from '../src/data/token-revocations.js';

const cache = createCache({ name: REVOCATION_MARKS_CACHE, metrics: createMetricsRegistry() });

const cachedMarks = cache.define(revocationMarkValues);

/** The gateway's view, in the same process here: a memory cache invalidates itself only. */
function readThroughCache(marks: TokenRevocations) {
  return (user: string) =>
    cachedMarks.getOrLoad(user, {
      tags: [revocationMarkTag(user)],
      load: async () => ({ tokensIssuedBefore: (await marks.revokedBefore(user))?.toISOString() ?? null }),
    });
}

describe('revocation marks announced to the gateways’ caches', () => {
  afterAll(async () => {
    await cache.close();
  });

  it('invalidates the cached mark of the revoked user, after the mark is written, and no other', async () => {
    const clock = new ManualClock('2025-03-01T10:00:00.000Z');
    const marks = new MemoryTokenRevocations({ clock, maxTokenLifetimeSeconds: 3_600 });
    const announced = new AnnouncedTokenRevocations(marks, cache);
    const read = readThroughCache(marks);
    expect([await read('ann'), await read('ben')]).toEqual([
      { tokensIssuedBefore: null },
      { tokensIssuedBefore: null },
    ]);

    await announced.revokeBefore('ann', clock.now());
    await marks.revokeBefore('ben', clock.now());

    expect(await read('ann')).toEqual({ tokensIssuedBefore: '2025-03-01T10:00:00.000Z' });
    expect(await read('ben')).toEqual({ tokensIssuedBefore: null });
    expect(await announced.revokedBefore('ann')).toEqual(clock.now());
  });

  it('leaves no copy cached by a gateway that read while the mark was being written', async () => {
    const clock = new ManualClock('2025-03-01T10:00:00.000Z');
    const marks = new MemoryTokenRevocations({ clock, maxTokenLifetimeSeconds: 3_600 });
    const read = readThroughCache(marks);
    // A gateway's lookup lands while the store is still writing: it loads, and caches, the old answer.
    const writtenWhileRead: TokenRevocations = {
      revokeBefore: async (userId, at) => {
        expect(await read(userId)).toEqual({ tokensIssuedBefore: null });
        await marks.revokeBefore(userId, at);
      },
      revokedBefore: (userId) => marks.revokedBefore(userId),
    };

    await new AnnouncedTokenRevocations(writtenWhileRead, cache).revokeBefore('cat', clock.now());

    expect(await read('cat')).toEqual({ tokensIssuedBefore: '2025-03-01T10:00:00.000Z' });
  });
});
