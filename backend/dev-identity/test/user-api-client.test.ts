import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHumanUser,
  type DevIdentityProvider,
  grantProjectRoles,
  projectRolesClaim,
  startDevIdentityProvider,
  type UserApiAccess,
} from '../src/index.js';
import { signInForTokens } from './sign-in.js';
import { clientCredentialsToken } from './token-requests.js';

describe('the user API client', () => {
  let provider: DevIdentityProvider;
  let access: UserApiAccess;
  beforeAll(async () => {
    provider = await startDevIdentityProvider();
    access = {
      url: provider.url,
      token: (await clientCredentialsToken(provider, provider.clients.machine)).access_token,
    };
  });
  afterAll(() => provider.stop());

  it('creates a person who signs in with their password and holds the project roles granted', async () => {
    const person = { username: 'client-made', password: 'client-made-password' };
    const userId = await createHumanUser(access, {
      ...person,
      profile: { givenName: 'Client', familyName: 'Made' },
      email: { email: 'client-made@example.test', isVerified: true },
    });
    await grantProjectRoles(access, {
      userId,
      projectId: provider.projectId,
      roleKeys: ['admin'],
    });

    const tokens = await signInForTokens(provider, provider.clients.web, person);
    expect(decodeJwt(tokens.access_token)).toMatchObject({
      sub: userId,
      [projectRolesClaim(provider.projectId)]: { admin: expect.any(Object) },
    });
  });

  it('fails naming the path and the status when the API refuses the call', async () => {
    const refused = createHumanUser(
      { url: provider.url, token: 'not-a-token' },
      {
        username: 'never-made',
        profile: { givenName: 'N', familyName: 'M' },
        email: { email: 'n@example.test', isVerified: true },
      },
    );

    await expect(refused).rejects.toThrow(/^\/v2\/users\/new answered 401, not a created id/);
  });
});
