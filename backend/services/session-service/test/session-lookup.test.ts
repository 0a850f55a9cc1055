import { ManualClock } from '@know-foolery/shared/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../src/data/memory-session-store.js';
import {
  findSession,
  revokeSession,
  type SessionDeps,
  startSession,
  touch,
} from '../src/use-cases/sessions.js';

const clock = new ManualClock('2025-03-01T10:00:00.000Z');
const deps: SessionDeps = {
  store: new MemorySessionStore({ clock, sweepIntervalMs: 60_000 }),
  clock,
  policy: { ttlSeconds: 3_600, maxLifetimeSeconds: 4 * 3_600, maxPerUser: 3 },
};

describe('looking up a session', () => {
  afterEach(async () => {
    await deps.store.removeByUser('alice');
  });

  it("answers another user's session exactly as one that never existed, whatever is asked of it", async () => {
    const alices = await startSession(deps, 'alice', 'laptop');
    const notFound = { statusCode: 404, code: 'SESSION_NOT_FOUND', message: 'no such session' };
    for (const asking of [findSession, touch, revokeSession]) {
      await expect(asking(deps, 'mallory', alices.id)).rejects.toMatchObject(notFound);
      await expect(asking(deps, 'alice', 'no-such-id')).rejects.toMatchObject(notFound);
    }
    expect(await findSession(deps, 'alice', alices.id)).toEqual(alices);
  });
});
