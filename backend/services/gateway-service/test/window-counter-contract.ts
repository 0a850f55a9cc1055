import { randomUUID } from 'node:crypto';
import { sleep } from '@know-foolery/shared/utils';
import { describe, expect, it } from 'vitest';
import type { WindowCounter } from '../src/edge/rate-limit-store.js';

const WINDOW_MS = 60_000;
/** Short enough to wait out, long enough that a loaded machine still lands its hits inside it. */
const SHORT_WINDOW_MS = 300;

/** What every WindowCounter must do; each implementation runs this suite. */
export function describeWindowCounterContract(name: string, counter: () => WindowCounter): void {
  describe(`${name} window counter contract`, () => {
    // The counters of one implementation may share a server: each test counts under keys of its own.
    const freshKey = (label: string) => `${label}:${randomUUID()}`;

    it('counts the hits on one key within a window, saying how long the window has left', async () => {
      const key = freshKey('alice');
      const counts = [];
      for (let index = 0; index < 3; index += 1) counts.push(await counter().hit(key, WINDOW_MS));
      expect(counts.map((count) => count.current)).toEqual([1, 2, 3]);
      for (const count of counts) {
        expect(count.ttl).toBeGreaterThan(WINDOW_MS - 5_000);
        expect(count.ttl).toBeLessThanOrEqual(WINDOW_MS);
      }
    });

    it('counts each key on its own', async () => {
      const [alice, bob] = [freshKey('alice'), freshKey('bob')];
      await counter().hit(alice, WINDOW_MS);
      await counter().hit(alice, WINDOW_MS);
      expect((await counter().hit(bob, WINDOW_MS)).current).toBe(1);
      expect((await counter().hit(alice, WINDOW_MS)).current).toBe(3);
    });

    it('starts a new window, counting from one, once the last one has ended', async () => {
      const key = freshKey('alice');
      await counter().hit(key, SHORT_WINDOW_MS);
      expect((await counter().hit(key, SHORT_WINDOW_MS)).current).toBe(2);
      await sleep(SHORT_WINDOW_MS + 100);
      const next = await counter().hit(key, SHORT_WINDOW_MS);
      expect(next.current).toBe(1);
      expect(next.ttl).toBeGreaterThan(0);
      expect(next.ttl).toBeLessThanOrEqual(SHORT_WINDOW_MS);
    });

    it('always gives a window an end: every hit, first or later, answers time left within it', async () => {
      const key = freshKey('alice');
      for (let index = 0; index < 5; index += 1) {
        const { ttl } = await counter().hit(key, SHORT_WINDOW_MS);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(SHORT_WINDOW_MS);
        await sleep(SHORT_WINDOW_MS / 2);
      }
    });

    it('loses no hit when many arrive at once', async () => {
      const key = freshKey('flood');
      const hits = 200;
      const counts = await Promise.all(Array.from({ length: hits }, () => counter().hit(key, WINDOW_MS)));
      const seen = counts.map((count) => count.current).sort((a, b) => a - b);
      expect(seen).toEqual(Array.from({ length: hits }, (_, index) => index + 1));
      expect((await counter().hit(key, WINDOW_MS)).current).toBe(hits + 1);
    });
  });
}
