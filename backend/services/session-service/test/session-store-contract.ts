import { ManualClock } from '@know-foolery/shared/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionStore } from '../src/data/session-store.js';
import {
  newSessionId,
  openSession,
  type Session,
  type SessionPolicy,
  touchSession,
} from '../src/domain/session.js';

const policy: SessionPolicy = { ttlSeconds: 3_600, maxLifetimeSeconds: 4 * 3_600, maxPerUser: 3 };
const START = '2025-03-01T10:00:00.000Z';

/** What every SessionStore must do; each implementation runs this suite. */
export function describeSessionStoreContract(
  name: string,
  create: (clock: ManualClock) => SessionStore,
): void {
  describe(`${name} session store contract`, () => {
    let clock: ManualClock;
    let store: SessionStore;

    const open = (userId: string, client: string | null = null): Session =>
      openSession(newSessionId(), userId, client, clock.now(), policy);

    beforeEach(() => {
      clock = new ManualClock(START);
      store = create(clock);
    });

    afterEach(async () => {
      await store.close();
    });

    it('finds a session it holds and nothing for an unknown id', async () => {
      const session = open('alice', 'laptop');
      expect(await store.add(session, policy.maxPerUser)).toEqual([]);
      expect(await store.find(session.id)).toEqual(session);
      expect(await store.find(newSessionId())).toBeUndefined();
    });

    it('stops returning a session at its expiry instant', async () => {
      const session = open('alice');
      await store.add(session, policy.maxPerUser);
      clock.advanceSeconds(policy.ttlSeconds - 1);
      expect(await store.find(session.id)).toBeDefined();
      clock.advanceSeconds(1);
      expect(await store.find(session.id)).toBeUndefined();
      expect(await store.listByUser('alice')).toEqual([]);
    });

    it("lists only the user's active sessions, oldest first", async () => {
      const first = open('alice');
      await store.add(first, policy.maxPerUser);
      clock.advanceSeconds(60);
      const second = open('alice');
      await store.add(second, policy.maxPerUser);
      await store.add(open('bob'), policy.maxPerUser);
      expect((await store.listByUser('alice')).map((session) => session.id)).toEqual([first.id, second.id]);
      expect(await store.listByUser('nobody')).toEqual([]);
    });

    it('ends the oldest sessions beyond the limit, never the new one', async () => {
      const sessions: Session[] = [];
      for (let index = 0; index < policy.maxPerUser; index += 1) {
        const session = open('alice');
        sessions.push(session);
        await store.add(session, policy.maxPerUser);
        clock.advanceSeconds(1);
      }
      const newest = open('alice');
      expect(await store.add(newest, policy.maxPerUser)).toEqual([sessions[0]?.id]);
      expect(await store.find(sessions[0]?.id ?? '')).toBeUndefined();
      expect((await store.listByUser('alice')).map((session) => session.id)).toEqual([
        ...sessions.slice(1).map((session) => session.id),
        newest.id,
      ]);
      expect(await store.add(open('alice'), 1)).toHaveLength(policy.maxPerUser);
    });

    it('does not count expired sessions against the limit', async () => {
      for (let index = 0; index < policy.maxPerUser; index += 1)
        await store.add(open('alice'), policy.maxPerUser);
      clock.advanceSeconds(policy.ttlSeconds);
      expect(await store.add(open('alice'), policy.maxPerUser)).toEqual([]);
    });

    it('replaces an active session and refuses one that has gone', async () => {
      const session = open('alice');
      await store.add(session, policy.maxPerUser);
      clock.advanceSeconds(600);
      const touched = touchSession(session, clock.now(), policy);
      expect(await store.replace(touched)).toBe(true);
      expect(await store.find(session.id)).toEqual(touched);

      await store.remove(session.id);
      expect(await store.replace(touched)).toBe(false);

      const expiring = open('alice');
      await store.add(expiring, policy.maxPerUser);
      clock.advanceSeconds(policy.ttlSeconds);
      expect(await store.replace(touchSession(expiring, clock.now(), policy))).toBe(false);
      expect(await store.find(expiring.id)).toBeUndefined();
    });

    it('removes one session once', async () => {
      const session = open('alice');
      await store.add(session, policy.maxPerUser);
      expect(await store.remove(session.id)).toBe(true);
      expect(await store.remove(session.id)).toBe(false);
      expect(await store.find(session.id)).toBeUndefined();
    });

    it("removes all of one user's sessions, counting the active ones, and no one else's", async () => {
      const expired = open('alice');
      await store.add(expired, policy.maxPerUser);
      clock.advanceSeconds(policy.ttlSeconds);
      await store.add(open('alice'), policy.maxPerUser);
      await store.add(open('alice'), policy.maxPerUser);
      const bobs = open('bob');
      await store.add(bobs, policy.maxPerUser);

      expect(await store.removeByUser('alice')).toBe(2);
      expect(await store.listByUser('alice')).toEqual([]);
      expect(await store.find(bobs.id)).toEqual(bobs);
      expect(await store.removeByUser('alice')).toBe(0);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
