import { DEV_USERS, type ProjectRole } from '@know-foolery/dev-identity/seed';
import { Acknowledged, AddedUser, AddedUserGrant, UserGrantList, UserList } from './answers.js';
import type { Found } from './project-setup.js';
import type { ZitadelClient } from './zitadel-client.js';

/**
 * The development accounts the platform's docs name (a player; an admin with a TOTP second factor,
 * set through AddHumanUser's `totpSecret`), created where missing, each granted its project roles.
 * Their passwords and TOTP secret are public: for a development instance only. The calls are those
 * Zitadel 2.x already has (user service v2 AddHumanUser, the management API's user grants).
 */
export async function ensureDevAccounts(
  api: ZitadelClient,
  organizationId: string,
  projectId: string,
): Promise<Record<string, Found>> {
  const accounts: Record<string, Found> = {};
  for (const account of Object.values(DEV_USERS)) {
    const user = await ensureAccount(api, organizationId, account);
    await ensureRoles(api, projectId, user.id, account.roles);
    accounts[account.username] = user;
  }
  return accounts;
}

type DevAccount = (typeof DEV_USERS)[keyof typeof DEV_USERS];

async function ensureAccount(
  api: ZitadelClient,
  organizationId: string,
  account: DevAccount,
): Promise<Found> {
  const listed = await api.call(
    `search for the user "${account.username}"`,
    'POST',
    '/v2/users',
    { queries: [{ userNameQuery: { userName: account.username, method: 'TEXT_QUERY_METHOD_EQUALS' } }] },
    UserList,
  );
  const existing = listed.result?.find((user) => user.username === account.username);
  if (existing !== undefined) return { id: existing.userId, outcome: 'found' };
  const added = await api.call(
    `create the user "${account.username}"`,
    'POST',
    '/v2/users/human',
    {
      organization: { orgId: organizationId },
      username: account.username,
      profile: {
        givenName: account.givenName,
        familyName: account.familyName,
        displayName: `${account.givenName} ${account.familyName}`,
      },
      email: { email: account.email, isVerified: true },
      password: { password: account.password, changeRequired: false },
      ...(account.totpSecret === undefined ? {} : { totpSecret: account.totpSecret }),
    },
    AddedUser,
  );
  return { id: added.userId, outcome: 'created' };
}

/** Grants the roles the account lacks; roles it holds beyond them are left alone. */
async function ensureRoles(
  api: ZitadelClient,
  projectId: string,
  userId: string,
  roles: readonly ProjectRole[],
): Promise<void> {
  const listed = await api.call(
    `list the grants of user ${userId}`,
    'POST',
    '/management/v1/users/grants/_search',
    { queries: [{ userIdQuery: { userId } }, { projectIdQuery: { projectId } }] },
    UserGrantList,
  );
  const existing = listed.result?.[0];
  if (existing === undefined) {
    await api.call(
      `grant user ${userId} their roles`,
      'POST',
      `/management/v1/users/${userId}/grants`,
      { projectId, roleKeys: [...roles] },
      AddedUserGrant,
    );
    return;
  }
  const held = new Set(existing.roleKeys);
  if (roles.every((role) => held.has(role))) return;
  await api.call(
    `grant user ${userId} their missing roles`,
    'PUT',
    `/management/v1/users/${userId}/grants/${existing.id}`,
    { roleKeys: [...new Set([...held, ...roles])] },
    Acknowledged,
  );
}
