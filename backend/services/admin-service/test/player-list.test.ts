import {
  DEV_ORGANIZATION,
  DEV_PROJECT_ID,
  DEV_USERS,
  type DevIdentityProvider,
  startDevIdentityProvider,
} from '@know-foolery/dev-identity';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPlayerSessions } from '../src/clients/player-sessions.js';
import type { AuthorizationPage, DirectoryUser, UserDirectory } from '../src/clients/user-directory.js';
import { ZitadelUserDirectory } from '../src/clients/zitadel/zitadel-user-directory.js';
import { ProjectRoles } from '../src/domain/project-roles.js';
import type { PlayerAccountDeps } from '../src/use-cases/player-accounts.js';
import { listPlayers } from '../src/use-cases/player-list.js';
import {
  authorizeDevUser,
  createDevUser,
  fixedTokens,
  machineToken,
  SEEDED_PLAYER_ACCOUNT,
} from './dev-zitadel.js';
import { closedPortUrl } from './downstream-stub.js';
import { type AdminHarness, auth, clientConfig, startAdmin } from './harness.js';

const ROLES = new ProjectRoles([
  { zitadelRole: 'player', platformRole: 'player' },
  { zitadelRole: 'admin', platformRole: 'admin' },
]);
const PLAYERS = '/api/v1/admin/players';

describe('the list of players: the development provider behind admin-service', () => {
  let provider: DevIdentityProvider;
  let machine: string;
  let admin: AdminHarness;
  let adminToken: string;
  const clients: ServiceClient[] = [];
  /** Created after the seeded player and admin, in this order; the outsider holds no role. */
  const users: Record<'zoe' | 'yan' | 'outsider', string> = { zoe: '', yan: '', outsider: '' };

  const serviceClient = async (name: string, baseUrl: string | Promise<string>) => {
    const client = new ServiceClient({ name, baseUrl: await baseUrl, config: clientConfig });
    clients.push(client);
    return client;
  };

  const playersAt = async (zitadelUrl: string | Promise<string>): Promise<PlayerAccountDeps> => ({
    users: new ZitadelUserDirectory({
      client: await serviceClient('zitadel', zitadelUrl),
      tokens: fixedTokens(machine),
      projectId: DEV_PROJECT_ID,
    }),
    // Listing players ends no session.
    sessions: httpPlayerSessions(await serviceClient('session-service', closedPortUrl()), {
      token: async () => 'unused',
    }),
    roles: ROLES,
  });

  const list = async (query = '', authorization = adminToken, app = admin.app) =>
    app.inject({ method: 'GET', url: `${PLAYERS}${query}`, headers: { authorization } });

  /** The ids of the players listed, in order. */
  const idsListed = async (query = ''): Promise<string[]> => {
    const response = await list(query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items.map((player: { id: string }) => player.id);
  };

  beforeAll(async () => {
    provider = await startDevIdentityProvider();
    machine = await machineToken(provider);
    users.zoe = await createDevUser(provider, machine, 'list-zoe');
    users.yan = await createDevUser(provider, machine, 'List-Yan');
    users.outsider = await createDevUser(provider, machine, 'list-outsider');
    await authorizeDevUser(provider, machine, users.zoe, ['player']);
    await authorizeDevUser(provider, machine, users.yan, ['player', 'admin']);
    admin = await startAdmin(await closedPortUrl(), await closedPortUrl(), await playersAt(provider.url));
    adminToken = await auth.bearer(DEV_USERS.admin.id, ['admin']);
  });

  afterAll(async () => {
    await admin?.close();
    await Promise.all(clients.map((client) => client.close()));
    await provider?.stop();
  });

  it("lists the project's players oldest first, with their accounts and roles, 20 to a page", async () => {
    const response = await list();

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      items: [
        { ...SEEDED_PLAYER_ACCOUNT, roles: ['player'] },
        expect.objectContaining({ id: DEV_USERS.admin.id, roles: ['player', 'admin'] }),
        expect.objectContaining({ id: users.zoe, username: 'list-zoe', roles: ['player'] }),
        expect.objectContaining({ id: users.yan, username: 'List-Yan', roles: ['player', 'admin'] }),
      ],
      total: 4,
      limit: 20,
      offset: 0,
    });
  });

  it('pages with limit and offset, the total counting them all', async () => {
    const response = await list('?limit=2&offset=1');

    expect(response.json()).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(response.json().items.map((player: { id: string }) => player.id)).toEqual([
      DEV_USERS.admin.id,
      users.zoe,
    ]);
    expect(await idsListed('?offset=4')).toEqual([]);
  });

  it('keeps the players whose login name contains q, in any case', async () => {
    const response = await list('?q=LIST-');

    expect(response.json()).toMatchObject({ total: 2 });
    expect(response.json().items.map((player: { id: string }) => player.id)).toEqual([users.zoe, users.yan]);
    expect(await idsListed(`?q=${encodeURIComponent(`@${DEV_ORGANIZATION.primaryDomain}`)}&limit=1`)).toEqual(
      [DEV_USERS.player.id],
    );
    expect((await list('?q=nobody')).json()).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
  });

  it('shows where each account stands: a deactivated player is listed as inactive', async () => {
    const deactivated = await fetch(new URL(`/v2/users/${users.zoe}/deactivate`, provider.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${machine}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(deactivated.status).toBe(200);

    const listed = (await list('?q=list-zoe')).json().items;

    expect(listed).toEqual([expect.objectContaining({ id: users.zoe, state: 'inactive' })]);
  });

  it.each([
    ['a limit of 0', '?limit=0'],
    ['a limit above 100', '?limit=101'],
    ['a negative offset', '?offset=-1'],
    ['an offset that is no number', '?offset=first'],
    ['an empty q', '?q='],
    ['a q longer than 200 characters', `?q=${'a'.repeat(201)}`],
    ['a parameter it does not know', '?sort=name'],
  ])('refuses %s with 400 VALIDATION_FAILED as problem+json', async (_case, query) => {
    const response = await list(query);

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it("refuses a player's token with 403 and a request without one with 401", async () => {
    expect((await list('', await auth.bearer(DEV_USERS.player.id, ['player']))).statusCode).toBe(403);
    expect((await admin.app.inject({ method: 'GET', url: PLAYERS })).statusCode).toBe(401);
  });

  it('answers 503 UPSTREAM_UNAVAILABLE when Zitadel cannot be reached', async () => {
    const unreachable = await startAdmin(
      await closedPortUrl(),
      await closedPortUrl(),
      await playersAt(closedPortUrl()),
    );
    try {
      const response = await list('', adminToken, unreachable.app);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    } finally {
      await unreachable.close();
    }
  });

  it('has no list when no Zitadel is configured (AUTH_PROVIDER=mock): 404 ROUTE_NOT_FOUND', async () => {
    const withoutZitadel = await startAdmin(await closedPortUrl(), await closedPortUrl(), null);
    try {
      const response = await list('', adminToken, withoutZitadel.app);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
    } finally {
      await withoutZitadel.close();
    }
  });
});

/**
 * What the development provider cannot produce: a machine user holding a role, a player authorized
 * twice (through a grant of the project to another organisation), an empty page.
 */
describe('listing players from pages Zitadel may answer', () => {
  const account = (id: string): DirectoryUser => ({
    id,
    username: `user-${id}`,
    displayName: `User ${id}`,
    email: null,
    emailVerified: false,
    state: 'active',
    organizationId: '1',
  });

  /** The account as the list shows it: without its organisation, with the roles. */
  const listed = (id: string, roles: string[]) => {
    const { organizationId: _organization, ...player } = account(id);
    return { ...player, roles };
  };

  /** A directory answering one page of authorizations and the accounts given, recording what it is asked. */
  function directoryWith(page: AuthorizationPage, accounts: DirectoryUser[]) {
    const asked: string[][] = [];
    const unused = () => Promise.reject(new Error('listing players calls only the two listings'));
    const users: UserDirectory = {
      listProjectAuthorizations: async () => page,
      findUsers: async (ids) => {
        asked.push([...ids]);
        return accounts.filter((user) => ids.includes(user.id));
      },
      getUser: unused,
      deactivateUser: unused,
      reactivateUser: unused,
      projectAuthorizations: unused,
      createAuthorization: unused,
      updateAuthorization: unused,
      deleteAuthorization: unused,
    };
    const sessions = { endAll: unused };
    return { deps: { users, sessions, roles: ROLES }, asked };
  }

  it('lists a player authorized twice once, with the roles of both, and leaves out users with no account', async () => {
    const { deps, asked } = directoryWith(
      {
        authorizations: [
          { id: 'a1', userId: 'u1', roleKeys: ['player'] },
          { id: 'a2', userId: 'machine', roleKeys: ['player'] },
          { id: 'a3', userId: 'u2', roleKeys: ['player'] },
          { id: 'a4', userId: 'u1', roleKeys: ['admin'] },
        ],
        total: 4,
      },
      [account('u2'), account('u1')],
    );

    const page = await listPlayers(deps, { limit: 4, offset: 0 }, {});

    expect(asked).toEqual([['u1', 'machine', 'u2']]);
    expect(page).toEqual({
      items: [listed('u1', ['player', 'admin']), listed('u2', ['player'])],
      total: 4,
      limit: 4,
      offset: 0,
    });
  });

  it('asks for no account when the page is empty', async () => {
    const { deps, asked } = directoryWith({ authorizations: [], total: 3 }, []);

    expect(await listPlayers(deps, { limit: 20, offset: 3 }, {})).toEqual({
      items: [],
      total: 3,
      limit: 20,
      offset: 3,
    });
    expect(asked).toEqual([]);
  });
});
