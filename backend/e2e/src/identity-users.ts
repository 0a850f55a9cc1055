import { type DevIdentityProvider, userProvisioner } from '@know-foolery/dev-identity';
import type { SignInUser } from '@know-foolery/shared/testing';

/**
 * A new admin whose only credential is a password: their sign-ins can never show a second factor.
 * The seeded admin always gives a TOTP code; this one is the admin who has none yet.
 */
export async function createPasswordOnlyAdmin(
  provider: DevIdentityProvider,
  username: string,
): Promise<SignInUser> {
  const create = await userProvisioner(provider);
  return create(username, ['player', 'admin']);
}
