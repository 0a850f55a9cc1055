import { clientCredentialsToken } from '@know-foolery/shared/browser';
import type { DevIdentityProvider } from '../server.js';
import { ZITADEL_PATHS } from '../zitadel/paths.js';
import type { ProjectRole } from '../zitadel/project.js';
import { createHumanUser, grantProjectRoles } from './user-api-client.js';

export interface ProvisionedUser {
  /** The id the provider gave the user: the `sub` of their tokens. */
  readonly id: string;
  readonly username: string;
  readonly password: string;
}

/** Creates a person with a password (`<username>-password`) and the given project roles. */
export type UserProvisioner = (username: string, roles: readonly ProjectRole[]) => Promise<ProvisionedUser>;

/**
 * People for tests and load runs, created through the provider's user API as the platform's machine
 * user would create them at Zitadel: a password their only credential, roles granted in the project.
 */
export async function userProvisioner(provider: DevIdentityProvider): Promise<UserProvisioner> {
  const { machine } = provider.clients;
  const { accessToken } = await clientCredentialsToken({
    tokenEndpoint: new URL(ZITADEL_PATHS.token, provider.url),
    clientId: machine.clientId,
    clientSecret: machine.clientSecret,
    scope: 'openid',
  });
  const access = { url: provider.url, token: accessToken };
  return async (username, roles) => {
    const password = `${username}-password`;
    const id = await createHumanUser(access, {
      username,
      password,
      profile: { givenName: username, familyName: 'Tester' },
      email: { email: `${username}@know-foolery.localhost`, isVerified: true },
    });
    await grantProjectRoles(access, { userId: id, projectId: provider.projectId, roleKeys: roles });
    return { id, username, password };
  };
}
