import { createCache } from '@know-foolery/shared/cache';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { ManualClock } from '@know-foolery/shared/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { REVOCATION_MARKS_CACHE, revocationMarkTag, revocationMarkValues } from '../src/contract/index.js';
import { AnnouncedTokenRevocations } from '../src/data/announced-token-revocations.js';
import { MemoryTokenRevocations } from '../src/data/memory-token-revocations.js';

const cache = createCache({ name: REVOCATION_MARKS_CACHE, metrics: createMetricsRegistry() });

describe('revocation marks announced to the gateways’ caches', () => {
  afterEach(async () => {
    await cache.close();
  });

  it('invalidates the cached mark of the revoked user, after the mark is written, and no other', async () => {
    const clock = new ManualClock('2025-03-01T10:00:00.000Z');
    const marks = new MemoryTokenRevocations({ clock, maxTokenLifetimeSeconds: 3_600 });
    const announced = new AnnouncedTokenRevocations(marks, cache);
    // The gateway's view, in the same process here: a memory cache invalidates itself only.
    const cachedMarks = cache.define(revocationMarkValues);
    const read = (user: string) =>
      cachedMarks.getOrLoad(user, {
        tags: [revocationMarkTag(user)],
        load: async () => ({ tokensIssuedBefore: (await marks.revokedBefore(user))?.toISOString() ?? null }),
      });
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
});
