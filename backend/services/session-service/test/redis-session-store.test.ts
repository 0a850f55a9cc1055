import { findTestRedis, ManualClock, waitFor } from '@know-foolery/shared/testing';
import { systemClock } from '@know-foolery/shared/utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionSealer } from '../src/crypto/session-sealer.js';
import { SessionTamperedError } from '../src/data/errors.js';
import { indexKey, ownerKey, sessionKey, userTag } from '../src/data/redis-session-keys.js';
import type { SessionPolicy } from '../src/domain/session.js';
import { openTestRedis, redisStore, type TestRedis, testKey } from './redis-store-harness.js';
import { describeSessionStoreContract } from './session-store-contract.js';
import { testSession } from './session-store-fixtures.js';

const url = await findTestRedis();
const FILE = 'session-store';
const policy: SessionPolicy = { ttlSeconds: 3_600, maxLifetimeSeconds: 4 * 3_600, maxPerUser: 5 };

describe.skipIf(url === null)('the Redis session store', () => {
  const serverUrl = url ?? '';

  describeSessionStoreContract('redis', async (clock) => {
    const redis = await openTestRedis(serverUrl, FILE);
    return { store: redisStore(redis.redis, clock), release: () => redis.release() };
  });

  describe('in Redis', () => {
    let redis: TestRedis;
    const clock = new ManualClock('2025-03-01T10:00:00.000Z');
    const open = (userId: string, sessionPolicy = policy) =>
      testSession(userId, { now: clock.now(), policy: sessionPolicy });

    beforeEach(async () => {
      redis = await openTestRedis(serverUrl, FILE);
    });

    afterEach(async () => {
      await redis.release();
    });

    it('keeps the credentials version in the clear beside the sealed value, and compares it on replace', async () => {
      const store = redisStore(redis.redis, clock);
      const session = open('alice');
      await store.add(session, policy.maxPerUser);
      const key = sessionKey(userTag('alice'), session.handle);
      expect(await redis.raw((connection) => connection.hget(key, 'c'))).toBe(session.credentialsVersion);
      const moved = { ...session, credentialsVersion: 'moved-on' };
      expect(await store.replace(moved, session.credentialsVersion)).toBe(true);
      expect(await redis.raw((connection) => connection.hget(key, 'c'))).toBe('moved-on');
      expect(await store.replace(session, session.credentialsVersion)).toBe(false);
    });

    it('takes one write of any version for a session stored before versions were kept', async () => {
      const store = redisStore(redis.redis, clock);
      const session = open('alice');
      await store.add(session, policy.maxPerUser);
      const key = sessionKey(userTag('alice'), session.handle);
      await redis.raw((connection) => connection.hdel(key, 'c'));
      const touched = { ...session, lastSeenAt: clock.now(), credentialsVersion: 'first-kept' };
      expect(await store.replace(touched, 'whatever was read')).toBe(true);
      expect(await store.replace(touched, 'whatever was read')).toBe(false);
      expect(await store.find(session.handle)).toEqual(touched);
    });

    it('keeps no key without a TTL, whatever mix of operations ran', async () => {
      const store = redisStore(redis.redis, clock);
      const alices = Array.from({ length: 7 }, () => open('alice'));
      for (const session of alices) await store.add(session, policy.maxPerUser);
      const bobs = open('bob');
      await store.add(bobs, policy.maxPerUser);
      await store.replace({ ...bobs, lastSeenAt: clock.now() }, bobs.credentialsVersion);
      await store.rotate(bobs.handle, open('bob'));
      await store.remove(alices[6]?.handle ?? '');
      await store.add(open('carol'), policy.maxPerUser);
      await store.removeByUser('carol');
      await store.listByUser('alice');
      await store.pruneIndexes();

      const keys = await redis.keys();
      expect(keys.size).toBeGreaterThan(0);
      for (const [key, ttl] of keys) {
        expect(ttl, key).toBeGreaterThan(0);
        expect(ttl, key).toBeLessThanOrEqual(policy.ttlSeconds * 1000);
      }
      expect([...keys.keys()].filter((key) => key.startsWith(`session:{${userTag('carol')}}`))).toEqual([]);
    });

    it('holds no session id, token or user id in clear, anywhere', async () => {
      const store = redisStore(redis.redis, clock);
      const session = open('alice@example.org');
      await store.add(session, policy.maxPerUser);
      const dump = await redis.raw(async (connection) => {
        const texts: string[] = [];
        for (const key of (await redis.keys()).keys()) {
          texts.push(key);
          const type = await connection.type(key);
          if (type === 'string') texts.push((await connection.get(key)) ?? '');
          if (type === 'hash') texts.push(...Object.values(await connection.hgetall(key)));
          if (type === 'zset') texts.push(...(await connection.zrange(key, 0, -1)));
        }
        return texts.join('\n');
      });
      expect(dump).toContain(session.handle);
      for (const secret of [session.id, session.csrfToken, session.credentials.accessToken, session.userId])
        expect(dump).not.toContain(secret);
    });

    it('keeps exactly the limit under 50 simultaneous logins, index and keys agreeing', async () => {
      const store = redisStore(redis.redis, clock);
      const sessions = Array.from({ length: 50 }, (_, index) =>
        testSession('alice', { now: new Date(clock.now().getTime() + index), policy }),
      );
      const ended = (
        await Promise.all(sessions.map((session) => store.add(session, policy.maxPerUser)))
      ).flat();

      const listed = await store.listByUser('alice');
      expect(listed).toHaveLength(policy.maxPerUser);
      expect(ended).toHaveLength(50 - policy.maxPerUser);
      expect(new Set([...ended, ...listed.map((session) => session.handle)]).size).toBe(50);

      const tag = userTag('alice');
      const indexed = await redis.raw((connection) => connection.zrange(indexKey(tag), 0, -1));
      const stored = [...(await redis.keys()).keys()].filter((key) => key.startsWith(`session:{${tag}}:s:`));
      const owners = [...(await redis.keys()).keys()].filter((key) => key.startsWith('session-owner:'));
      expect(indexed.sort()).toEqual(listed.map((session) => session.handle).sort());
      expect(stored.sort()).toEqual(indexed.map((handle) => sessionKey(tag, handle)).sort());
      expect(owners.sort()).toEqual(indexed.map((handle) => ownerKey(handle)).sort());
    });

    it('lets sessions expire in Redis itself, and prunes their index entries', async () => {
      const store = redisStore(redis.redis, systemClock);
      const short: SessionPolicy = { ttlSeconds: 1, maxLifetimeSeconds: 60, maxPerUser: 5 };
      const now = systemClock.now();
      const brief = testSession('alice', { now, policy: short });
      const lasting = testSession('alice', { now, policy });
      await store.add(brief, policy.maxPerUser);
      await store.add(lasting, policy.maxPerUser);
      const tag = userTag('alice');

      await waitFor('the short session key to expire', async () => {
        const keys = await redis.keys();
        return !keys.has(sessionKey(tag, brief.handle)) && !keys.has(ownerKey(brief.handle));
      });
      expect(await store.find(brief.handle)).toBeUndefined();
      expect(await redis.raw((connection) => connection.zcard(indexKey(tag)))).toBe(2);
      expect(await store.pruneIndexes()).toBe(1);
      expect(await redis.raw((connection) => connection.zrange(indexKey(tag), 0, -1))).toEqual([
        lasting.handle,
      ]);
      expect(await store.pruneIndexes()).toBe(0);
    });

    it('prunes lazily when listing a user whose index holds ended sessions', async () => {
      const store = redisStore(redis.redis, clock);
      const ended = open('alice');
      const kept = open('alice');
      await store.add(ended, policy.maxPerUser);
      await store.add(kept, policy.maxPerUser);
      const tag = userTag('alice');
      await redis.raw((connection) => connection.del(sessionKey(tag, ended.handle)));

      expect(await store.listByUser('alice')).toEqual([kept]);
      expect(await redis.raw((connection) => connection.zrange(indexKey(tag), 0, -1))).toEqual([kept.handle]);
    });

    it('lets the whole index expire once its last session has', async () => {
      const store = redisStore(redis.redis, clock);
      await store.add(open('alice'), policy.maxPerUser);
      const ttl = await redis.raw((connection) => connection.pttl(indexKey(userTag('alice'))));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(policy.ttlSeconds * 1000);
    });

    describe('refusing what it did not write', () => {
      const tamperedWith = async (handle: string, change: (sealed: string) => string) => {
        const key = sessionKey(userTag('alice'), handle);
        await redis.raw(async (connection) => {
          const sealed = (await connection.hget(key, 'v')) ?? '';
          await connection.hset(key, 'v', change(sealed));
        });
      };

      it('refuses a stored value with a flipped byte', async () => {
        const store = redisStore(redis.redis, clock);
        const session = open('alice');
        await store.add(session, policy.maxPerUser);
        await tamperedWith(session.handle, (sealed) => {
          const index = sealed.length - 30;
          return `${sealed.slice(0, index)}${sealed[index] === 'A' ? 'B' : 'A'}${sealed.slice(index + 1)}`;
        });
        await expect(store.find(session.handle)).rejects.toThrow(SessionTamperedError);
        await expect(store.listByUser('alice')).rejects.toThrow(SessionTamperedError);
      });

      it("refuses one session's value moved under another's key", async () => {
        const store = redisStore(redis.redis, clock);
        const [first, second] = [open('alice'), open('alice')];
        await store.add(first, policy.maxPerUser);
        await store.add(second, policy.maxPerUser);
        const tag = userTag('alice');
        await redis.raw(async (connection) => {
          const sealed = (await connection.hget(sessionKey(tag, first.handle), 'v')) ?? '';
          await connection.hset(sessionKey(tag, second.handle), 'v', sealed);
        });
        expect(await store.find(first.handle)).toEqual(first);
        await expect(store.find(second.handle)).rejects.toThrow(SessionTamperedError);
      });

      it('refuses a value that decrypts to something other than a session', async () => {
        const keys = [testKey('k1')];
        const store = redisStore(redis.redis, clock, keys);
        const session = open('alice');
        await store.add(session, policy.maxPerUser);
        const key = sessionKey(userTag('alice'), session.handle);
        const sealer = new SessionSealer(keys);
        for (const plaintext of ['not json', '{"id":"x"}', JSON.stringify({ ...session, roles: ['root'] })]) {
          await redis.raw((connection) => connection.hset(key, 'v', sealer.seal(plaintext, key)));
          await expect(store.find(session.handle)).rejects.toThrow(SessionTamperedError);
        }
      });

      it('refuses an owner key that names no user', async () => {
        const store = redisStore(redis.redis, clock);
        const session = open('alice');
        await store.add(session, policy.maxPerUser);
        await redis.raw((connection) => connection.set(ownerKey(session.handle), '{x}', 'PX', 60_000));
        await expect(store.find(session.handle)).rejects.toThrow(SessionTamperedError);
        await expect(store.remove(session.handle)).rejects.toThrow(SessionTamperedError);
      });
    });

    describe('encryption keys', () => {
      it('refuses sessions sealed with a key it does not hold', async () => {
        const session = open('alice');
        await redisStore(redis.redis, clock, [testKey('k1')]).add(session, policy.maxPerUser);
        const stranger = redisStore(redis.redis, clock, [testKey('k2')]);
        await expect(stranger.find(session.handle)).rejects.toThrow(SessionTamperedError);
      });

      it('keeps sessions sealed with a rotated-out key readable while that key is configured', async () => {
        const [older, newer] = [testKey('k1'), testKey('k2')];
        const session = open('alice');
        await redisStore(redis.redis, clock, [older]).add(session, policy.maxPerUser);

        const rotated = redisStore(redis.redis, clock, [newer, older]);
        expect(await rotated.find(session.handle)).toEqual(session);
        const touched = { ...session, lastSeenAt: clock.now() };
        expect(await rotated.replace(touched, touched.credentialsVersion)).toBe(true);
        const key = sessionKey(userTag('alice'), session.handle);
        expect(await redis.raw((connection) => connection.hget(key, 'v'))).toMatch(/^v1\.k2\./);
        expect(await redisStore(redis.redis, clock, [newer]).find(session.handle)).toEqual(touched);
      });
    });
  });
});
