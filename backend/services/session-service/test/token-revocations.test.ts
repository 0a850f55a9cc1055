import { findTestRedis, ManualClock } from '@know-foolery/shared/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryTokenRevocations } from '../src/data/memory-token-revocations.js';
import { RedisTokenRevocations, revocationKey } from '../src/data/redis-token-revocations.js';
import type { TokenRevocations } from '../src/data/token-revocations.js';
import { openTestRedis, type TestRedis } from './redis-store-harness.js';

const url = await findTestRedis();
const LIFETIME_SECONDS = 3_600;
const START = '2025-03-01T10:00:00.000Z';

interface OpenedRevocations {
  readonly revocations: TokenRevocations;
  release(): Promise<void>;
}

function describeTokenRevocationsContract(
  name: string,
  create: (clock: ManualClock) => Promise<OpenedRevocations>,
): void {
  describe(`${name} token revocations`, () => {
    let clock: ManualClock;
    let opened: OpenedRevocations;
    let revocations: TokenRevocations;

    beforeEach(async () => {
      clock = new ManualClock(START);
      opened = await create(clock);
      revocations = opened.revocations;
    });

    afterEach(async () => {
      await opened.release();
    });

    it('answers nothing for a user never revoked, and the mark for one revoked', async () => {
      expect(await revocations.revokedBefore('alice')).toBeUndefined();
      await revocations.revokeBefore('alice', clock.now());
      expect(await revocations.revokedBefore('alice')).toEqual(clock.now());
      expect(await revocations.revokedBefore('bob')).toBeUndefined();
    });

    it('keeps the later of two marks, whichever order they come in', async () => {
      const earlier = clock.now();
      const later = new Date(earlier.getTime() + 60_000);
      await revocations.revokeBefore('alice', later);
      await revocations.revokeBefore('alice', earlier);
      expect(await revocations.revokedBefore('alice')).toEqual(later);
      const latest = new Date(later.getTime() + 1);
      await revocations.revokeBefore('alice', latest);
      expect(await revocations.revokedBefore('alice')).toEqual(latest);
    });

    it('forgets a mark once every token it refuses has expired', async () => {
      await revocations.revokeBefore('alice', clock.now());
      clock.advanceSeconds(LIFETIME_SECONDS - 1);
      expect(await revocations.revokedBefore('alice')).toEqual(new Date(START));
      clock.advanceSeconds(1);
      expect(await revocations.revokedBefore('alice')).toBeUndefined();
      await revocations.revokeBefore('bob', new Date(Date.parse(START)));
      expect(await revocations.revokedBefore('bob')).toBeUndefined();
    });
  });
}

describeTokenRevocationsContract('memory', async (clock) => ({
  revocations: new MemoryTokenRevocations({ clock, maxTokenLifetimeSeconds: LIFETIME_SECONDS }),
  release: async () => {},
}));

describe.skipIf(url === null)('token revocations in Redis', () => {
  const serverUrl = url ?? '';

  describeTokenRevocationsContract('redis', async (clock) => {
    const redis = await openTestRedis(serverUrl, 'token-revocations');
    return {
      revocations: new RedisTokenRevocations({
        redis: redis.redis,
        clock,
        maxTokenLifetimeSeconds: LIFETIME_SECONDS,
      }),
      release: () => redis.release(),
    };
  });

  describe('marks', () => {
    let redis: TestRedis;
    const clock = new ManualClock(START);

    beforeEach(async () => {
      redis = await openTestRedis(serverUrl, 'token-revocations');
    });

    afterEach(async () => {
      await redis.release();
    });

    it('expire in Redis once no token they refuse can still be valid', async () => {
      const revocations = new RedisTokenRevocations({
        redis: redis.redis,
        clock,
        maxTokenLifetimeSeconds: LIFETIME_SECONDS,
      });
      await revocations.revokeBefore('alice', new Date(clock.now().getTime() - 600_000));
      const ttl = await redis.raw((connection) => connection.pttl(revocationKey('alice')));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual((LIFETIME_SECONDS - 600) * 1000);
      for (const [, keyTtl] of await redis.keys()) expect(keyTtl).toBeGreaterThan(0);
    });

    it('refuse to guess when the stored mark is not a time', async () => {
      const revocations = new RedisTokenRevocations({
        redis: redis.redis,
        clock,
        maxTokenLifetimeSeconds: LIFETIME_SECONDS,
      });
      await redis.raw((connection) => connection.set(revocationKey('alice'), 'soon', 'PX', 60_000));
      await expect(revocations.revokedBefore('alice')).rejects.toThrow(/not a time/);
    });
  });
});
