import {
  createHumanUser,
  type DevIdentityProvider,
  grantProjectRoles,
  ZITADEL_PATHS,
} from '@know-foolery/dev-identity';
import { clientCredentialsToken, type SignInUser } from '@know-foolery/shared/testing';

/**
 * A new admin (project roles player and admin) whose only credential is a password, created
 * through the provider's user API as Zitadel's would be: their sign-ins can never show a second
 * factor. The seeded admin always gives a TOTP code; this one is the admin who has none yet.
 */
export async function createPasswordOnlyAdmin(
  provider: DevIdentityProvider,
  username: string,
): Promise<SignInUser> {
  const { machine } = provider.clients;
  const { accessToken } = await clientCredentialsToken({
    tokenEndpoint: new URL(ZITADEL_PATHS.token, provider.url),
    clientId: machine.clientId,
    clientSecret: machine.clientSecret,
    scope: 'openid',
  });
  const access = { url: provider.url, token: accessToken };
  const user = { username, password: `${username}-password` };
  const userId = await createHumanUser(access, {
    ...user,
    profile: { givenName: 'Solo', familyName: 'Admin' },
    email: { email: `${username}@know-foolery.localhost`, isVerified: true },
  });
  await grantProjectRoles(access, { userId, projectId: provider.projectId, roleKeys: ['player', 'admin'] });
  return user;
}
