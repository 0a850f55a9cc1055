import { serviceIdentity } from '@know-foolery/shared/auth';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { type RunningService, startRealService, testDialects } from '@know-foolery/shared/testing';
import { composeService } from '@know-foolery/user-service/compose';
import { loadConfig } from '@know-foolery/user-service/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceUserDirectory } from '../src/clients/user-directory-client.js';
import { auth } from './harness.js';

/** The lookup's contract checked against its owner: the real user-service answers in its shape. */
describe.each(testDialects())('the user directory over the real user-service on %s', (dialect) => {
  let userService: RunningService;
  let client: ServiceClient;

  beforeAll(async () => {
    userService = await startRealService('user', { loadConfig, start: composeService }, dialect);
    client = new ServiceClient({
      name: 'user-service',
      baseUrl: userService.url,
      config: {
        timeoutMs: 2_000,
        retries: 0,
        breakerFailureThreshold: 1_000,
        breakerFirstProbeMs: 1_000,
        breakerResetMs: 1_000,
      },
    });
  });

  afterAll(async () => {
    await client.close();
    await userService.stop();
  });

  it('names the players user-service knows and leaves out the others', async () => {
    // A profile is created on a player's first authenticated request.
    for (const [subject, name] of Object.entries({ alice: 'Alice', bob: 'Bob' })) {
      const response = await fetch(`${userService.url}/api/v1/me`, {
        headers: { authorization: await auth.bearer(subject, ['player'], name) },
      });
      expect(response.status).toBe(200);
    }
    const directory = new ServiceUserDirectory(client, serviceIdentity(auth, 'leaderboard'));

    const names = await directory.displayNames(['alice', 'bob', 'nobody'], { requestId: 'board-1' });

    expect(names).toEqual(
      new Map([
        ['alice', 'Alice'],
        ['bob', 'Bob'],
      ]),
    );
  });
});
