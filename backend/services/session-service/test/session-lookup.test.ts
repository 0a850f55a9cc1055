import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endSession, findSession, touch } from '../src/use-cases/sessions.js';
import { sessionHarness } from './harness.js';

describe('looking up a session by its public id', () => {
  const harness = sessionHarness();

  beforeAll(async () => {
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
  });

  it("answers another user's session exactly as one that never existed, whatever is asked of it", async () => {
    const { body } = await harness.open('alice', { client: 'laptop' });
    const handle: string = body.session.id;
    const notFound = { statusCode: 404, code: 'SESSION_NOT_FOUND', message: 'no such session' };
    const log = { warn: () => undefined };
    for (const asking of [findSession, touch, endSession]) {
      await expect(asking(harness.deps, 'mallory', handle, log)).rejects.toMatchObject(notFound);
      await expect(asking(harness.deps, 'alice', 'a'.repeat(43), log)).rejects.toMatchObject(notFound);
    }
    expect((await findSession(harness.deps, 'alice', handle, log)).handle).toBe(handle);
  });
});
