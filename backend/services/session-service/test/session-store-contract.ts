import { ManualClock } from '@know-foolery/shared/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionStore } from '../src/data/session-store.js';
import { claimRenewal, releaseRenewal, renewedSession } from '../src/domain/credential-renewal.js';
import { newSessionId, type Session, type SessionPolicy, touchSession } from '../src/domain/session.js';
import { testSession } from './session-store-fixtures.js';

const policy: SessionPolicy = { ttlSeconds: 3_600, maxLifetimeSeconds: 4 * 3_600, maxPerUser: 3 };
const START = '2025-03-01T10:00:00.000Z';

/** A store for one test, and how to dispose of it and whatever it holds. */
export interface OpenedStore {
  readonly store: SessionStore;
  release(): Promise<void>;
}

const handlesOf = (sessions: readonly Session[]) => sessions.map((session) => session.handle);

/** What every SessionStore must do; each implementation runs this suite. */
export function describeSessionStoreContract(
  name: string,
  create: (clock: ManualClock) => Promise<OpenedStore>,
): void {
  describe(`${name} session store contract`, () => {
    let clock: ManualClock;
    let opened: OpenedStore;
    let store: SessionStore;

    const open = (userId: string, client: string | null = null): Session =>
      testSession(userId, { client, now: clock.now(), policy });

    beforeEach(async () => {
      clock = new ManualClock(START);
      opened = await create(clock);
      store = opened.store;
    });

    afterEach(async () => {
      await opened.release();
    });

    it('finds a session by its handle, whole, and nothing for its secret id or an unknown handle', async () => {
      const session = {
        ...open('alice', 'laptop'),
        roles: ['player', 'admin'] as const,
        credentials: {
          accessToken: 'header.payload.signature',
          accessTokenExpiresAt: new Date('2025-03-01T10:15:00.000Z'),
          refreshToken: 'refresh-token',
          idToken: 'id-token',
        },
        authMethods: ['pwd', 'otp'],
      };
      expect(await store.add(session, policy.maxPerUser)).toEqual([]);
      expect(await store.find(session.handle)).toEqual(session);
      expect(await store.find(session.id)).toBeUndefined();
      expect(await store.find(newSessionId())).toBeUndefined();
    });

    it('stops returning a session at its expiry instant', async () => {
      const session = open('alice');
      await store.add(session, policy.maxPerUser);
      clock.advanceSeconds(policy.ttlSeconds - 1);
      expect(await store.find(session.handle)).toBeDefined();
      clock.advanceSeconds(1);
      expect(await store.find(session.handle)).toBeUndefined();
      expect(await store.listByUser('alice')).toEqual([]);
    });

    it("lists only the user's active sessions, oldest first", async () => {
      const first = open('alice');
      await store.add(first, policy.maxPerUser);
      clock.advanceSeconds(60);
      const second = open('alice');
      await store.add(second, policy.maxPerUser);
      await store.add(open('bob'), policy.maxPerUser);
      expect(await store.listByUser('alice')).toEqual([first, second]);
      expect(await store.listByUser('nobody')).toEqual([]);
    });

    it('ends the oldest sessions beyond the limit, never the new one, answering their handles', async () => {
      const sessions: Session[] = [];
      for (let index = 0; index < policy.maxPerUser; index += 1) {
        const session = open('alice');
        sessions.push(session);
        await store.add(session, policy.maxPerUser);
        clock.advanceSeconds(1);
      }
      const newest = open('alice');
      expect(await store.add(newest, policy.maxPerUser)).toEqual([sessions[0]?.handle]);
      expect(await store.find(sessions[0]?.handle ?? '')).toBeUndefined();
      expect(handlesOf(await store.listByUser('alice'))).toEqual([
        ...handlesOf(sessions.slice(1)),
        newest.handle,
      ]);
      expect(await store.add(open('alice'), 1)).toHaveLength(policy.maxPerUser);
    });

    it('does not count expired sessions against the limit', async () => {
      for (let index = 0; index < policy.maxPerUser; index += 1)
        await store.add(open('alice'), policy.maxPerUser);
      clock.advanceSeconds(policy.ttlSeconds);
      const fresh = open('alice');
      expect(await store.add(fresh, policy.maxPerUser)).toEqual([]);
      expect(await store.listByUser('alice')).toEqual([fresh]);
    });

    it('replaces an active session and refuses one that has gone', async () => {
      const session = open('alice');
      await store.add(session, policy.maxPerUser);
      clock.advanceSeconds(600);
      const touched = touchSession(session, clock.now(), policy);
      expect(await store.replace(touched, session.credentialsVersion)).toBe(true);
      expect(await store.find(session.handle)).toEqual(touched);

      await store.remove(session.handle);
      expect(await store.replace(touched, session.credentialsVersion)).toBe(false);
      expect(await store.find(session.handle)).toBeUndefined();

      const expiring = open('alice');
      await store.add(expiring, policy.maxPerUser);
      clock.advanceSeconds(policy.ttlSeconds);
      expect(
        await store.replace(touchSession(expiring, clock.now(), policy), expiring.credentialsVersion),
      ).toBe(false);
      expect(await store.find(expiring.handle)).toBeUndefined();
    });

    it("never overwrites a session with one of another user's under the same handle", async () => {
      const alices = open('alice');
      await store.add(alices, policy.maxPerUser);
      expect(await store.replace({ ...alices, userId: 'mallory' }, alices.credentialsVersion)).toBe(false);
      expect(await store.find(alices.handle)).toEqual(alices);
      expect(await store.listByUser('mallory')).toEqual([]);
    });

    it('replaces only while the credentials version is the one the writer read (compare-and-set)', async () => {
      const session = open('alice');
      await store.add(session, policy.maxPerUser);
      const claimed = claimRenewal(session, clock.now(), 5_000);
      expect(await store.replace(claimed, session.credentialsVersion)).toBe(true);

      const staleTouch = touchSession(session, clock.now(), policy);
      expect(await store.replace(staleTouch, session.credentialsVersion)).toBe(false);
      const rival = claimRenewal(session, clock.now(), 5_000);
      expect(await store.replace(rival, session.credentialsVersion)).toBe(false);
      expect(await store.find(session.handle)).toEqual(claimed);

      const renewed = renewedSession(
        claimed,
        { ...claimed.credentials, accessToken: 'renewed', refreshToken: 'rotated' },
        { userId: 'alice', roles: ['player', 'admin'], name: 'Alice' },
      );
      expect(await store.replace(renewed, claimed.credentialsVersion)).toBe(true);
      expect(await store.replace(releaseRenewal(claimed), claimed.credentialsVersion)).toBe(false);
      expect(await store.find(session.handle)).toEqual(renewed);
      const touched = touchSession(renewed, clock.now(), policy);
      expect(await store.replace(touched, renewed.credentialsVersion)).toBe(true);
      expect(await store.find(session.handle)).toEqual(touched);
    });

    it('starts a rotated-in session at its own credentials version', async () => {
      const previous = open('alice');
      await store.add(previous, policy.maxPerUser);
      const next = open('alice');
      expect(await store.rotate(previous.handle, next)).toBe(true);
      const touched = touchSession(next, clock.now(), policy);
      expect(await store.replace(touched, previous.credentialsVersion)).toBe(false);
      expect(await store.replace(touched, next.credentialsVersion)).toBe(true);
    });

    it('rotates a session: the previous one ends and the next one takes its place', async () => {
      const previous = open('alice', 'laptop');
      const other = open('alice', 'phone');
      await store.add(previous, policy.maxPerUser);
      await store.add(other, policy.maxPerUser);
      clock.advanceSeconds(60);
      const next = open('alice', 'laptop');

      expect(await store.rotate(previous.handle, next)).toBe(true);
      expect(await store.find(previous.handle)).toBeUndefined();
      expect(await store.find(next.handle)).toEqual(next);
      expect(await store.listByUser('alice')).toEqual([other, next]);
      expect(await store.remove(previous.handle)).toBe(false);

      expect(await store.rotate(previous.handle, open('alice'))).toBe(false);
      expect(handlesOf(await store.listByUser('alice'))).toEqual([other.handle, next.handle]);
    });

    it('refuses to rotate from a session that expired, was removed or is another user’s', async () => {
      const expiring = open('alice');
      await store.add(expiring, policy.maxPerUser);
      clock.advanceSeconds(policy.ttlSeconds);
      const afterExpiry = open('alice');
      expect(await store.rotate(expiring.handle, afterExpiry)).toBe(false);
      expect(await store.find(afterExpiry.handle)).toBeUndefined();

      const removed = open('alice');
      await store.add(removed, policy.maxPerUser);
      await store.remove(removed.handle);
      expect(await store.rotate(removed.handle, open('alice'))).toBe(false);

      const bobs = open('bob');
      await store.add(bobs, policy.maxPerUser);
      const mallorys = open('mallory');
      expect(await store.rotate(bobs.handle, mallorys)).toBe(false);
      expect(await store.find(bobs.handle)).toEqual(bobs);
      expect(await store.find(mallorys.handle)).toBeUndefined();
      expect(await store.listByUser('alice')).toEqual([]);
      expect(await store.listByUser('mallory')).toEqual([]);
    });

    it('removes one session once', async () => {
      const session = open('alice');
      const kept = open('alice');
      await store.add(session, policy.maxPerUser);
      await store.add(kept, policy.maxPerUser);
      expect(await store.remove(session.handle)).toBe(true);
      expect(await store.remove(session.handle)).toBe(false);
      expect(await store.remove(newSessionId())).toBe(false);
      expect(await store.find(session.handle)).toBeUndefined();
      expect(await store.listByUser('alice')).toEqual([kept]);
    });

    it("removes all of one user's sessions, counting the active ones, and no one else's", async () => {
      const expired = open('alice');
      await store.add(expired, policy.maxPerUser);
      clock.advanceSeconds(policy.ttlSeconds);
      const alices = [open('alice'), open('alice')];
      for (const session of alices) await store.add(session, policy.maxPerUser);
      const bobs = open('bob');
      await store.add(bobs, policy.maxPerUser);

      expect(await store.removeByUser('alice')).toBe(2);
      expect(await store.listByUser('alice')).toEqual([]);
      for (const session of alices) expect(await store.find(session.handle)).toBeUndefined();
      expect(await store.find(bobs.handle)).toEqual(bobs);
      expect(await store.removeByUser('alice')).toBe(0);
      expect(await store.add(open('alice'), policy.maxPerUser)).toEqual([]);
    });

    it('prunes the entries of ended sessions, once, and keeps the active ones', async () => {
      await store.add(open('alice'), policy.maxPerUser);
      await store.add(open('bob'), policy.maxPerUser);
      clock.advanceSeconds(policy.ttlSeconds - 60);
      const active = open('alice');
      await store.add(active, policy.maxPerUser);
      clock.advanceSeconds(60);

      expect(await store.pruneIndexes()).toBe(2);
      expect(await store.pruneIndexes()).toBe(0);
      expect(await store.listByUser('alice')).toEqual([active]);
      expect(await store.find(active.handle)).toEqual(active);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
