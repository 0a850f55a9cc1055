import {
  DEV_PROJECT_ID,
  DEV_USERS,
  type DevIdentityProvider,
  startDevIdentityProvider,
} from '@know-foolery/dev-identity';
import { composeService as composeSessionService } from '@know-foolery/session-service/compose';
import { loadConfig as loadSessionConfig } from '@know-foolery/session-service/config';
import { createAuth, createServiceTokenSource } from '@know-foolery/shared/auth';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { type RunningService, startRealService, TEST_AUTH_CONFIG } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPlayerSessions } from '../src/clients/player-sessions.js';
import { ZitadelUserDirectory } from '../src/clients/zitadel/zitadel-user-directory.js';
import { ProjectRoles } from '../src/domain/project-roles.js';
import type { PlayerAccountDeps } from '../src/use-cases/player-accounts.js';
import {
  authorizationsAt,
  authorizeDevUser,
  createDevUser,
  fixedTokens,
  machineToken,
  SEEDED_PLAYER_ACCOUNT,
} from './dev-zitadel.js';
import { closedPortUrl } from './downstream-stub.js';
import { type AdminHarness, auth, clientConfig, startAdmin } from './harness.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const ROLES = new ProjectRoles([
  { zitadelRole: 'player', platformRole: 'player' },
  { zitadelRole: 'admin', platformRole: 'admin' },
]);
/** The admin calling these routes: their subject is also a Zitadel user id, as with AUTH_PROVIDER=oidc. */
const ACTING_ADMIN = DEV_USERS.admin.id;
const laterIssuer = createAuth(TEST_AUTH_CONFIG, () => new Date(Date.now() + 3_000)).issuer;

async function laterBearer(subject: string): Promise<string> {
  if (laterIssuer === null) throw new Error('the test auth provider issues tokens');
  return `Bearer ${(await laterIssuer.issueToken({ subject, roles: ['player'] })).accessToken}`;
}

const routesFor = (id: string): [Method, string][] => [
  ['GET', `/api/v1/admin/players/${id}`],
  ['POST', `/api/v1/admin/players/${id}/deactivate`],
  ['POST', `/api/v1/admin/players/${id}/reactivate`],
  ['PUT', `/api/v1/admin/players/${id}/roles/admin`],
  ['DELETE', `/api/v1/admin/players/${id}/roles/admin`],
];

describe('player accounts: Zitadel (the development provider) and a real session-service behind admin-service', () => {
  let provider: DevIdentityProvider;
  let sessionService: RunningService;
  let admin: AdminHarness;
  /**
   * The same routes with Zitadel and session-service unreachable: a route that answers there as
   * it does with them has called neither (any call would have made it 503).
   */
  let unreachable: AdminHarness;
  let machine: string;
  let adminToken: string;
  let players: PlayerAccountDeps;
  const clients: ServiceClient[] = [];

  const call = async (method: Method, url: string, authorization = adminToken) =>
    admin.app.inject({ method, url, headers: { authorization, 'x-request-id': 'players-test' } });

  const serviceClient = (name: string, baseUrl: string) => {
    const client = new ServiceClient({ name, baseUrl, config: clientConfig });
    clients.push(client);
    return client;
  };

  /**
   * Signs the player in at session-service; the session's cookie. Ending a player's sessions also
   * refuses every token issued before, to the second: a sign-in after it needs a token issued
   * `later` (three seconds ahead, within the clock tolerance every service allows).
   */
  const openSession = async (userId: string, issuer: 'now' | 'later' = 'now'): Promise<string> => {
    const authorization =
      issuer === 'now' ? await auth.bearer(userId, ['player']) : await laterBearer(userId);
    const response = await fetch(`${sessionService.url}/api/v1/sessions`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ client: 'test device' }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return /^[^=]+=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';
  };

  /** The status session-service resolves the cookie with, as the gateway would ask. */
  const resolveStatus = async (cookie: string): Promise<number> => {
    const response = await fetch(`${sessionService.url}/internal/v1/sessions/resolve`, {
      method: 'POST',
      headers: {
        authorization: await auth.bearer('service:gateway', ['service']),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ cookie }),
    });
    return response.status;
  };

  /** The user's roles in the project, as Zitadel holds them. */
  const rolesAtZitadel = async (userId: string) =>
    (await authorizationsAt(provider, machine, userId)).map((authorization) => authorization.roleKeys);

  /** A fresh user holding the player role (or the roles given) in the project. */
  const aPlayer = async (roleKeys: string[] = ['player']): Promise<string> => {
    const userId = await createDevUser(provider, machine);
    await authorizeDevUser(provider, machine, userId, roleKeys);
    return userId;
  };

  beforeAll(async () => {
    provider = await startDevIdentityProvider();
    machine = await machineToken(provider);
    sessionService = await startRealService(
      'session',
      { loadConfig: loadSessionConfig, start: composeSessionService },
      'sqlite',
    );
    if (auth.issuer === null) throw new Error('the test auth provider issues tokens');
    players = {
      users: new ZitadelUserDirectory({
        client: serviceClient('zitadel', provider.url),
        tokens: fixedTokens(machine),
        projectId: DEV_PROJECT_ID,
      }),
      sessions: httpPlayerSessions(
        serviceClient('session-service', sessionService.url),
        createServiceTokenSource(auth.issuer, 'admin'),
      ),
      roles: ROLES,
    };
    admin = await startAdmin(await closedPortUrl(), await closedPortUrl(), players);
    unreachable = await startAdmin(await closedPortUrl(), await closedPortUrl(), {
      users: new ZitadelUserDirectory({
        client: serviceClient('zitadel', await closedPortUrl()),
        tokens: fixedTokens(machine),
        projectId: DEV_PROJECT_ID,
      }),
      sessions: httpPlayerSessions(serviceClient('session-service', await closedPortUrl()), {
        token: async () => 'unused',
      }),
      roles: ROLES,
    });
    adminToken = await auth.bearer(ACTING_ADMIN, ['admin']);
  });

  afterAll(async () => {
    await admin?.close();
    await unreachable?.close();
    await Promise.all(clients.map((client) => client.close()));
    await sessionService?.stop();
    await provider?.stop();
  });

  it("answers a player's account", async () => {
    const response = await call('GET', `/api/v1/admin/players/${DEV_USERS.player.id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual(SEEDED_PLAYER_ACCOUNT);
  });

  it('answers an id Zitadel does not know with 404 PLAYER_NOT_FOUND as problem+json', async () => {
    const response = await call('GET', '/api/v1/admin/players/399999999999999999');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'PLAYER_NOT_FOUND' });
  });

  it('deactivates a player at Zitadel and ends their sessions; asking again only ends sessions', async () => {
    const userId = await aPlayer();
    const cookie = await openSession(userId);
    expect(await resolveStatus(cookie)).toBe(200);

    const response = await call('POST', `/api/v1/admin/players/${userId}/deactivate`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ player: { id: userId, state: 'inactive' }, sessionsEnded: 1 });
    expect(await resolveStatus(cookie)).toBe(401);
    expect((await call('GET', `/api/v1/admin/players/${userId}`)).json().state).toBe('inactive');

    // Zitadel refuses to deactivate a deactivated user (FAILED_PRECONDITION): a 200 says it was not asked.
    const again = await call('POST', `/api/v1/admin/players/${userId}/deactivate`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ player: { state: 'inactive' }, sessionsEnded: 0 });
  });

  it('completes a deactivation whose sessions could not be ended when it is asked again', async () => {
    const userId = await aPlayer();
    const cookie = await openSession(userId);
    const noSessions = await startAdmin(await closedPortUrl(), await closedPortUrl(), {
      ...players,
      sessions: httpPlayerSessions(serviceClient('session-service', await closedPortUrl()), {
        token: async () => 'unused',
      }),
    });
    try {
      const failed = await noSessions.app.inject({
        method: 'POST',
        url: `/api/v1/admin/players/${userId}/deactivate`,
        headers: { authorization: adminToken },
      });
      expect(failed.statusCode).toBe(503);
      expect(failed.json().code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      await noSessions.close();
    }
    expect(await resolveStatus(cookie)).toBe(200);
    const retried = await call('POST', `/api/v1/admin/players/${userId}/deactivate`);
    expect(retried.json()).toMatchObject({ player: { state: 'inactive' }, sessionsEnded: 1 });
    expect(await resolveStatus(cookie)).toBe(401);
  });

  it('reactivates a deactivated player, and leaves an active one as it is', async () => {
    const userId = await aPlayer();
    await call('POST', `/api/v1/admin/players/${userId}/deactivate`);
    const response = await call('POST', `/api/v1/admin/players/${userId}/reactivate`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: userId, state: 'active' });
    expect((await call('GET', `/api/v1/admin/players/${userId}`)).json().state).toBe('active');

    // Zitadel refuses to reactivate an active user (FAILED_PRECONDITION): a 200 says it was not asked.
    const again = await call('POST', `/api/v1/admin/players/${userId}/reactivate`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().state).toBe('active');
  });

  it("grants the admin role by adding it to the player's authorization, ending their sessions", async () => {
    const userId = await aPlayer();
    const cookie = await openSession(userId);
    const response = await call('PUT', `/api/v1/admin/players/${userId}/roles/admin`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      player: { id: userId },
      roles: ['player', 'admin'],
      sessionsEnded: 1,
    });
    expect(await rolesAtZitadel(userId)).toEqual([['player', 'admin']]);
    expect(await resolveStatus(cookie)).toBe(401);

    const again = await openSession(userId, 'later');
    const [granted] = await authorizationsAt(provider, machine, userId);
    const unchanged = await call('PUT', `/api/v1/admin/players/${userId}/roles/admin`);
    expect(unchanged.json()).toMatchObject({ roles: ['player', 'admin'], sessionsEnded: 0 });
    expect(await authorizationsAt(provider, machine, userId)).toEqual([granted]);
    expect(await resolveStatus(again)).toBe(200);
  });

  it('grants the admin role to a user with no authorization by creating one', async () => {
    const userId = await createDevUser(provider, machine);
    const response = await call('PUT', `/api/v1/admin/players/${userId}/roles/admin`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ roles: ['admin'], sessionsEnded: 0 });
    expect(await rolesAtZitadel(userId)).toEqual([['admin']]);
  });

  it('revokes the admin role, keeping the rest, and ends the sessions even of a player who was no admin', async () => {
    const userId = await aPlayer(['player', 'admin']);
    const cookie = await openSession(userId);
    const response = await call('DELETE', `/api/v1/admin/players/${userId}/roles/admin`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ roles: ['player'], sessionsEnded: 1 });
    expect(await rolesAtZitadel(userId)).toEqual([['player']]);
    expect(await resolveStatus(cookie)).toBe(401);

    const later = await openSession(userId, 'later');
    const again = await call('DELETE', `/api/v1/admin/players/${userId}/roles/admin`);
    expect(again.json()).toMatchObject({ roles: ['player'], sessionsEnded: 1 });
    expect(await resolveStatus(later)).toBe(401);
  });

  it('deletes an authorization that held the admin role alone', async () => {
    const userId = await aPlayer(['admin']);
    const response = await call('DELETE', `/api/v1/admin/players/${userId}/roles/admin`);
    expect(response.json()).toMatchObject({ roles: [] });
    expect(await authorizationsAt(provider, machine, userId)).toEqual([]);
  });

  it.each([
    ['deactivate their own account', 'POST', `/api/v1/admin/players/${ACTING_ADMIN}/deactivate`],
    ['revoke their own admin role', 'DELETE', `/api/v1/admin/players/${ACTING_ADMIN}/roles/admin`],
  ] as const)(
    'refuses an admin who would %s with 403 OWN_ACCOUNT_PROTECTED, calling nobody',
    async (_case, method, url) => {
      const response = await unreachable.app.inject({ method, url, headers: { authorization: adminToken } });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('OWN_ACCOUNT_PROTECTED');
    },
  );

  it.each(routesFor(DEV_USERS.player.id))(
    'refuses a player token on %s %s with 403, before Zitadel',
    async (method, url) => {
      const response = await unreachable.app.inject({
        method,
        url,
        headers: { authorization: await auth.bearer(DEV_USERS.player.id, ['player']) },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('FORBIDDEN');
    },
  );

  it.each(routesFor(DEV_USERS.player.id))('refuses %s %s without a token with 401', async (method, url) => {
    const response = await admin.app.inject({ method, url });
    expect(response.statusCode).toBe(401);
  });

  it.each([
    ['a path in the id', '..%2Fusers', 400, 'VALIDATION_FAILED'],
    ['a space in the id', '3000%2000101', 400, 'VALIDATION_FAILED'],
    ['an id longer than 100 characters', '1'.repeat(101), 414, 'URI_TOO_LONG'],
  ])('refuses %s with %i before calling Zitadel', async (_case, id, status, code) => {
    for (const [method, url] of routesFor(id)) {
      const response = await unreachable.app.inject({ method, url, headers: { authorization: adminToken } });
      expect(response.statusCode, `${method} ${url}`).toBe(status);
      expect(response.json().code).toBe(code);
    }
  });

  it.each(routesFor(DEV_USERS.player.id))(
    'has no %s %s when no Zitadel is configured (AUTH_PROVIDER=mock): 404 ROUTE_NOT_FOUND',
    async (method, url) => {
      const withoutZitadel = await startAdmin(await closedPortUrl(), await closedPortUrl(), null);
      try {
        const response = await withoutZitadel.app.inject({
          method,
          url,
          headers: { authorization: adminToken },
        });
        expect(response.statusCode).toBe(404);
        expect(response.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
      } finally {
        await withoutZitadel.close();
      }
    },
  );
});
