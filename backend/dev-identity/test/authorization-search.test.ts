import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_ORGANIZATION,
  DEV_PROJECT_ID,
  DEV_USERS,
  type DevIdentityProvider,
  startDevIdentityProvider,
} from '../src/index.js';
import { signInForTokens } from './sign-in.js';
import { clientCredentialsToken } from './token-requests.js';
import { AUTHORIZATION_SERVICE, callUserApi, objectOf, objectsOf, zitadelError } from './user-api-calls.js';

const LIST = `${AUTHORIZATION_SERVICE}/ListAuthorizations`;

/**
 * ListAuthorizations on a provider of its own: the seeded player's and admin's authorizations,
 * then a third user's, each made in this order.
 */
describe('the authorization search (ListAuthorizations)', () => {
  let provider: DevIdentityProvider;
  let machineToken: string;
  let thirdUser: string;
  const authorizationIds: Record<'player' | 'admin' | 'third', string> = { player: '', admin: '', third: '' };

  const list = (body: unknown, token: string = machineToken) =>
    callUserApi(provider, token, 'POST', LIST, body);

  /** The authorizations found as [user id, role keys], in the order answered. */
  async function found(body: unknown): Promise<[string, string[]][]> {
    const answer = await list(body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return objectsOf(answer.body.authorizations).map((authorization) => [
      String(objectOf(authorization.user).id),
      objectsOf(authorization.roles).map((role) => String(role.key)),
    ]);
  }

  const inProject = { projectId: { id: DEV_PROJECT_ID } };
  const ascending = { pagination: { asc: true } };

  beforeAll(async () => {
    provider = await startDevIdentityProvider();
    machineToken = (await clientCredentialsToken(provider, provider.clients.machine)).access_token;
    const user = await callUserApi(provider, machineToken, 'POST', '/v2/users/new', {
      username: 'third-user',
      human: { profile: { givenName: 'Theo', familyName: 'Third' }, email: { email: 'third@example.test' } },
    });
    thirdUser = String(user.body.id);
    const authorization = await callUserApi(
      provider,
      machineToken,
      'POST',
      `${AUTHORIZATION_SERVICE}/CreateAuthorization`,
      {
        userId: thirdUser,
        projectId: DEV_PROJECT_ID,
        roleKeys: ['admin'],
      },
    );
    authorizationIds.third = String(authorization.body.id);
    const seeded = objectsOf((await list({ ...ascending, filters: [inProject] })).body.authorizations);
    authorizationIds.player = String(seeded[0]?.id);
    authorizationIds.admin = String(seeded[1]?.id);
  });
  afterAll(() => provider.stop());

  it('answers a user’s authorization in the project in Zitadel’s shape, with the pagination', async () => {
    const answer = await list({ filters: [{ userId: { id: DEV_USERS.player.id } }, inProject] });

    expect(answer).toEqual({
      status: 200,
      body: {
        pagination: { totalResult: '1', appliedLimit: '100' },
        authorizations: [
          {
            id: authorizationIds.player,
            creationDate: expect.any(String),
            changeDate: expect.any(String),
            project: { id: DEV_PROJECT_ID, name: expect.any(String), organizationId: DEV_ORGANIZATION.id },
            organization: { id: DEV_ORGANIZATION.id, name: DEV_ORGANIZATION.name },
            user: {
              id: DEV_USERS.player.id,
              preferredLoginName: `player@${DEV_ORGANIZATION.primaryDomain}`,
              displayName: 'Pat Player',
              avatarUrl: '',
              organizationId: DEV_ORGANIZATION.id,
            },
            state: 'STATE_ACTIVE',
            roles: [{ key: 'player', displayName: 'Player', group: '' }],
          },
        ],
      },
    });
  });

  it('lists the project’s authorizations by creation, descending unless asked, and pages them', async () => {
    const all: [string, string[]][] = [
      [DEV_USERS.player.id, ['player']],
      [DEV_USERS.admin.id, ['player', 'admin']],
      [thirdUser, ['admin']],
    ];

    expect(await found({ ...ascending, filters: [inProject] })).toEqual(all);
    expect(await found({ sortingColumn: 'AUTHORIZATION_FIELD_NAME_USER_ID', filters: [inProject] })).toEqual(
      [...all].reverse(),
    );
    const page = await list({ pagination: { offset: 1, limit: 1, asc: true }, filters: [inProject] });
    expect(page.body.pagination).toEqual({ totalResult: '3', appliedLimit: '1' });
    expect(objectsOf(page.body.authorizations).map((authorization) => authorization.id)).toEqual([
      authorizationIds.admin,
    ]);
  });

  it('filters by login name and display name, role key, authorization ids and state', async () => {
    const loginName = (text: string) => ({
      userPreferredLoginName: { loginName: text, method: 'TEXT_FILTER_METHOD_CONTAINS_IGNORE_CASE' },
    });

    expect(await found({ ...ascending, filters: [inProject, loginName('THIRD')] })).toEqual([
      [thirdUser, ['admin']],
    ]);
    expect(await found({ filters: [loginName('nobody')] })).toEqual([]);
    expect(await found({ filters: [{ userDisplayName: { displayName: 'Ada Admin' } }] })).toEqual([
      [DEV_USERS.admin.id, ['player', 'admin']],
    ]);
    expect(await found({ ...ascending, filters: [{ roleKey: { key: 'admin' } }] })).toEqual([
      [DEV_USERS.admin.id, ['player', 'admin']],
      [thirdUser, ['admin']],
    ]);
    expect(await found({ filters: [{ authorizationIds: { ids: [authorizationIds.third, '1'] } }] })).toEqual([
      [thirdUser, ['admin']],
    ]);
    expect(await found({ filters: [{ state: { state: 'STATE_INACTIVE' } }] })).toEqual([]);
    expect(await found({ filters: [{ projectId: { id: '123' } }] })).toEqual([]);
  });

  it('follows changes: updated roles, deleted authorizations', async () => {
    const user = await callUserApi(provider, machineToken, 'POST', '/v2/users/new', {
      username: 'changing-user',
      human: { profile: { givenName: 'Cy', familyName: 'Change' }, email: { email: 'change@example.test' } },
    });
    const userId = String(user.body.id);
    const created = await callUserApi(
      provider,
      machineToken,
      'POST',
      `${AUTHORIZATION_SERVICE}/CreateAuthorization`,
      {
        userId,
        projectId: DEV_PROJECT_ID,
        roleKeys: ['player'],
      },
    );
    const byUser = { filters: [{ userId: { id: userId } }] };

    await callUserApi(provider, machineToken, 'POST', `${AUTHORIZATION_SERVICE}/UpdateAuthorization`, {
      id: created.body.id,
      roleKeys: ['player', 'admin'],
    });
    expect(await found(byUser)).toEqual([[userId, ['player', 'admin']]]);

    await callUserApi(provider, machineToken, 'POST', `${AUTHORIZATION_SERVICE}/DeleteAuthorization`, {
      id: created.body.id,
    });
    expect(await found(byUser)).toEqual([]);
  });

  it('refuses a filter it does not know, a limit above 1000 and a malformed filter: 400, code 3', async () => {
    const unknown = await list({ filters: [{ userEmail: { email: 'x@example.test' } }] });
    expect(unknown).toEqual({ status: 400, body: zitadelError(3) });
    expect(unknown.body.message).toMatch(/\/filters\/0 is no filter the development provider knows/);

    expect(await list({ pagination: { limit: 5000 } })).toEqual({ status: 400, body: zitadelError(3) });
    expect(await list({ filters: [{ userId: { userId: DEV_USERS.player.id } }] })).toEqual({
      status: 400,
      body: zitadelError(3),
    });
  });

  it('refuses a call without a token (401, code 16) and a player’s token (403, code 7)', async () => {
    const player = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);

    expect(await callUserApi(provider, null, 'POST', LIST, {})).toEqual({
      status: 401,
      body: zitadelError(16),
    });
    expect(await list({}, player.access_token)).toEqual({ status: 403, body: zitadelError(7) });
  });
});
