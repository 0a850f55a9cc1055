import type { ManualClock } from '@know-foolery/shared/testing';
import { waitFor } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../src/data/memory-session-store.js';
import { MemoryTokenRevocations } from '../src/data/memory-token-revocations.js';
import type { SessionStore } from '../src/data/session-store.js';
import { claimRenewal, renewedSession } from '../src/domain/credential-renewal.js';
import type { Session } from '../src/domain/session.js';
import { sessionHarness } from './harness.js';

/** The memory store, counting the reads by handle, so a test knows a resolve has read the session. */
function countingStorage(reads: { count: number }) {
  return (clock: ManualClock) => {
    const inner = new MemorySessionStore({ clock, sweepIntervalMs: 60_000 });
    const store: SessionStore = new Proxy(inner, {
      get(target, property) {
        if (property === 'find') {
          return (handle: string) => {
            reads.count += 1;
            return target.find(handle);
          };
        }
        const member: unknown = Reflect.get(target, property);
        return typeof member === 'function' ? member.bind(target) : member;
      },
    });
    return { store, revocations: new MemoryTokenRevocations({ clock, maxTokenLifetimeSeconds: 86_400 }) };
  };
}

describe('a renewal claimed by another instance (mock auth, one store)', () => {
  const reads = { count: 0 };
  const harness = sessionHarness({ storage: countingStorage(reads) });
  const { store } = harness.deps;

  beforeAll(async () => {
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
  });

  beforeEach(() => {
    harness.clock.advanceSeconds(3_600);
  });

  /** A session whose token has expired, its renewal claimed elsewhere; and its cookie. */
  const claimedElsewhere = async (): Promise<{ cookie: string; claimed: Session }> => {
    const { cookie, body } = await harness.open('alice', {
      token: await harness.token('alice', ['player'], 120),
    });
    harness.clock.advanceSeconds(121);
    const stored = await store.find(body.session.id);
    if (stored === undefined) throw new Error('the session was stored');
    const claimed = claimRenewal(stored, harness.clock.now(), harness.deps.renewalClaimMs);
    expect(await store.replace(claimed, stored.credentialsVersion)).toBe(true);
    return { cookie, claimed };
  };

  it('serves the current token while another renews it, when it is still valid', async () => {
    const { cookie, body } = await harness.open('alice', {
      token: await harness.token('alice', ['player'], 30),
    });
    const stored = await store.find(body.session.id);
    if (stored === undefined) throw new Error('the session was stored');
    await store.replace(claimRenewal(stored, harness.clock.now(), 5_000), stored.credentialsVersion);
    const resolved = await harness.resolve(cookie);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().accessToken).toBe(stored.credentials.accessToken);
  });

  it('waits for the other instance’s renewal when the token has expired, and answers the new token', async () => {
    const { cookie, claimed } = await claimedElsewhere();
    const before = reads.count;
    const resolving = harness.resolve(cookie);
    await waitFor('the resolve to read the session', async () => reads.count > before);
    const renewed = renewedSession(
      claimed,
      {
        ...claimed.credentials,
        accessToken: await harness.token('alice'),
        accessTokenExpiresAt: new Date(harness.clock.now().getTime() + 3_600_000),
      },
      { userId: 'alice', roles: ['player'], name: 'alice name' },
    );
    expect(await store.replace(renewed, claimed.credentialsVersion)).toBe(true);
    const resolved = await resolving;
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().accessToken).toBe(renewed.credentials.accessToken);
  });

  it('answers 503 with Retry-After when the other instance never finishes within its wait', async () => {
    const { cookie } = await claimedElsewhere();
    const resolved = await harness.resolve(cookie);
    expect(resolved.statusCode).toBe(503);
    expect(resolved.headers['retry-after']).toBe('5');
    expect(resolved.json().code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('renews itself once the other instance’s claim has lapsed', async () => {
    const { cookie, claimed } = await claimedElsewhere();
    harness.clock.advanceSeconds(harness.deps.renewalClaimMs / 1000);
    const resolved = await harness.resolve(cookie);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().accessToken).not.toBe(claimed.credentials.accessToken);
    expect((await store.find(claimed.handle))?.renewalClaimedUntil).toBeNull();
  });
});
