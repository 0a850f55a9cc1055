import {
  createHumanUser,
  DEV_CLIENTS,
  DEV_PROJECT_ID,
  DEV_USERS,
  type DevIdentityProvider,
  grantProjectRoles,
  ZITADEL_PATHS,
} from '@know-foolery/dev-identity';
import type { ServiceTokenSource } from '@know-foolery/shared/auth';
import { clientCredentialsToken } from '@know-foolery/shared/testing';
import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';

const Authorizations = Type.Object({
  authorizations: Type.Array(
    Type.Object({
      id: Type.String(),
      changeDate: Type.String(),
      roles: Type.Array(Type.Object({ key: Type.String() })),
    }),
  ),
});

const AUTHORIZATIONS = '/zitadel.authorization.v2.AuthorizationService';

/** A call of the provider's user API as the machine user; the answer, checked against `schema`. */
async function machineCall<S extends TSchema>(
  provider: DevIdentityProvider,
  token: string,
  path: string,
  body: unknown,
  schema: S,
): Promise<Static<S>> {
  const response = await fetch(new URL(path, provider.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer: unknown = await response.json();
  if (!Value.Check(schema, answer))
    throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/**
 * The platform's machine token, from the provider's token endpoint by client credentials (what
 * serviceIdentity will do with AUTH_PROVIDER=oidc); fetched once, as tests need no renewal.
 */
export async function machineToken(provider: DevIdentityProvider): Promise<string> {
  const { clientId, clientSecret } = DEV_CLIENTS.machine;
  const tokenEndpoint = new URL(ZITADEL_PATHS.token, provider.url);
  const { accessToken } = await clientCredentialsToken({
    tokenEndpoint,
    clientId,
    clientSecret,
    scope: 'openid',
  });
  return accessToken;
}

/** The seeded player's account, as the user directory and the admin API read it from the provider. */
export const SEEDED_PLAYER_ACCOUNT = {
  id: DEV_USERS.player.id,
  username: DEV_USERS.player.username,
  displayName: 'Pat Player',
  email: DEV_USERS.player.email,
  emailVerified: true,
  state: 'active',
} as const;

export function fixedTokens(token: string): ServiceTokenSource {
  return { token: async () => token };
}

let serial = 0;

/** A username no other test of the process takes. */
function uniqueUsername(): string {
  serial += 1;
  return `admin-test-${process.pid}-${serial}`;
}

/** A new human user at the provider, with no project role: tests that change a user use their own. */
export function createDevUser(
  provider: DevIdentityProvider,
  token: string,
  username = uniqueUsername(),
): Promise<string> {
  return createHumanUser(
    { url: provider.url, token },
    {
      username,
      profile: { givenName: 'Test', familyName: `Player ${username}` },
      email: { email: `${username}@example.test`, isVerified: true },
    },
  );
}

/** Gives the user roles in the project, at the provider itself (not through the code under test). */
export function authorizeDevUser(
  provider: DevIdentityProvider,
  token: string,
  userId: string,
  roleKeys: readonly string[],
): Promise<string> {
  return grantProjectRoles({ url: provider.url, token }, { userId, projectId: DEV_PROJECT_ID, roleKeys });
}

/** The user's authorizations in the project, as the provider holds them. */
export async function authorizationsAt(
  provider: DevIdentityProvider,
  token: string,
  userId: string,
): Promise<{ id: string; changeDate: string; roleKeys: string[] }[]> {
  const filters = [{ userId: { id: userId } }, { projectId: { id: DEV_PROJECT_ID } }];
  const answer = await machineCall(
    provider,
    token,
    `${AUTHORIZATIONS}/ListAuthorizations`,
    { filters },
    Authorizations,
  );
  return answer.authorizations.map(({ id, changeDate, roles }) => ({
    id,
    changeDate,
    roleKeys: roles.map((role) => role.key),
  }));
}
