import {
  DEV_ORGANIZATION,
  DEV_PROJECT_ID,
  DEV_USERS,
  type DevIdentityProvider,
  startDevIdentityProvider,
} from '@know-foolery/dev-identity';
import { IdentityProviderUnavailableError, type ServiceTokenSource } from '@know-foolery/shared/auth';
import type { ServiceClientConfig } from '@know-foolery/shared/config';
import { AppError } from '@know-foolery/shared/errors';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { zitadelRefusal } from '../src/clients/zitadel/zitadel-refusals.js';
import { ZitadelUserDirectory } from '../src/clients/zitadel/zitadel-user-directory.js';
import {
  authorizationsAt,
  authorizeDevUser,
  createDevUser,
  fixedTokens,
  machineToken,
  SEEDED_PLAYER_ACCOUNT,
} from './dev-zitadel.js';
import { closedPortUrl } from './downstream-stub.js';
import { type FlakyProxy, startFlakyProxy } from './flaky-proxy.js';

const UNKNOWN_USER = '399999999999999999';
const AUTHORIZATIONS = '/zitadel.authorization.v2.AuthorizationService';

/** Retries as in production; a breaker that opens after three failures and stays open for the test. */
const CLIENT_CONFIG: ServiceClientConfig = {
  timeoutMs: 2_000,
  retries: 2,
  breakerFailureThreshold: 3,
  breakerFirstProbeMs: 60_000,
  breakerResetMs: 60_000,
};

/** The admin's own request: its token must never reach Zitadel. */
const ADMIN_CONTEXT = { requestId: 'admin-request-7', authorization: 'Bearer the-admins-own-token' };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('the call succeeded'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
}

describe('the Zitadel user directory, over HTTP against the development identity provider', () => {
  let provider: DevIdentityProvider;
  /** In front of the provider where a test reads what was sent, or has Zitadel fail. */
  let front: FlakyProxy;
  let token: string;
  const clients: ServiceClient[] = [];

  const directoryAt = (
    baseUrl: string,
    options: { tokens?: ServiceTokenSource; config?: ServiceClientConfig; projectId?: string } = {},
  ) => {
    const client = new ServiceClient({ name: 'zitadel', baseUrl, config: options.config ?? CLIENT_CONFIG });
    clients.push(client);
    const directory = new ZitadelUserDirectory({
      client,
      tokens: options.tokens ?? fixedTokens(token),
      projectId: options.projectId ?? DEV_PROJECT_ID,
    });
    return { client, directory };
  };

  beforeAll(async () => {
    provider = await startDevIdentityProvider();
    token = await machineToken(provider);
    front = await startFlakyProxy(provider.url);
  });

  afterEach(() => {
    front.failNext(0, 0);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await front.close();
    await provider.stop();
  });

  it('reads a human user: names, email, state and organisation (GetUserByID)', async () => {
    const { directory } = directoryAt(provider.url);
    expect(await directory.getUser(DEV_USERS.player.id, ADMIN_CONTEXT)).toEqual({
      ...SEEDED_PLAYER_ACCOUNT,
      organizationId: DEV_ORGANIZATION.id,
    });
  });

  it("calls as the machine user with the request's id, never with the admin's token", async () => {
    const { directory } = directoryAt(front.url);
    await directory.getUser(DEV_USERS.admin.id, ADMIN_CONTEXT);
    expect(front.received.at(-1)).toMatchObject({
      method: 'GET',
      path: `/v2/users/${DEV_USERS.admin.id}`,
      authorization: `Bearer ${token}`,
      requestId: ADMIN_CONTEXT.requestId,
    });
  });

  it('deactivates and reactivates a user (DeactivateUser, ReactivateUser)', async () => {
    const { directory } = directoryAt(provider.url);
    const userId = await createDevUser(provider, token);
    await directory.deactivateUser(userId, ADMIN_CONTEXT);
    expect((await directory.getUser(userId, ADMIN_CONTEXT)).state).toBe('inactive');
    await directory.reactivateUser(userId, ADMIN_CONTEXT);
    expect((await directory.getUser(userId, ADMIN_CONTEXT)).state).toBe('active');
  });

  it.each([
    ['getUser', (directory: ZitadelUserDirectory) => directory.getUser(UNKNOWN_USER, ADMIN_CONTEXT)],
    [
      'deactivateUser',
      (directory: ZitadelUserDirectory) => directory.deactivateUser(UNKNOWN_USER, ADMIN_CONTEXT),
    ],
    [
      'reactivateUser',
      (directory: ZitadelUserDirectory) => directory.reactivateUser(UNKNOWN_USER, ADMIN_CONTEXT),
    ],
  ])('answers NOT_FOUND (404) to %s as 404 PLAYER_NOT_FOUND', async (_call, call) => {
    const { directory } = directoryAt(provider.url);
    const error = await refusal(call(directory));
    expect({ status: error.statusCode, code: error.code }).toEqual({ status: 404, code: 'PLAYER_NOT_FOUND' });
  });

  it('answers FAILED_PRECONDITION (400: already deactivated) as 409 PLAYER_STATE_CONFLICT', async () => {
    const { directory } = directoryAt(provider.url);
    const userId = await createDevUser(provider, token);
    await directory.deactivateUser(userId, ADMIN_CONTEXT);
    const error = await refusal(directory.deactivateUser(userId, ADMIN_CONTEXT));
    expect({ status: error.statusCode, code: error.code }).toEqual({
      status: 409,
      code: 'PLAYER_STATE_CONFLICT',
    });
  });

  it('creates, updates and deletes an authorization in the project, and maps what Zitadel refuses', async () => {
    const { directory } = directoryAt(provider.url);
    const userId = await createDevUser(provider, token);
    const user = await directory.getUser(userId, ADMIN_CONTEXT);
    const created = await directory.createAuthorization(user, ['player'], ADMIN_CONTEXT);
    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), roleKeys: ['player'] });

    // ALREADY_EXISTS (409): one authorization per user and project.
    const twice = await refusal(directory.createAuthorization(user, ['admin'], ADMIN_CONTEXT));
    expect({ status: twice.statusCode, code: twice.code }).toEqual({
      status: 409,
      code: 'PLAYER_STATE_CONFLICT',
    });

    await directory.updateAuthorization(created.id, ['player', 'admin'], ADMIN_CONTEXT);
    // FAILED_PRECONDITION (400): a role the project does not have.
    const unknownRole = await refusal(directory.updateAuthorization(created.id, ['owner'], ADMIN_CONTEXT));
    expect({ status: unknownRole.statusCode, code: unknownRole.code }).toEqual({
      status: 409,
      code: 'PLAYER_STATE_CONFLICT',
    });

    await directory.deleteAuthorization(created.id, ADMIN_CONTEXT);
    // Deleting what is gone succeeds: the wanted state holds.
    await directory.deleteAuthorization(created.id, ADMIN_CONTEXT);
    // NOT_FOUND (404) on an authorization: it went away since it was read.
    const gone = await refusal(directory.updateAuthorization(created.id, ['player'], ADMIN_CONTEXT));
    expect({ status: gone.statusCode, code: gone.code }).toEqual({
      status: 409,
      code: 'PLAYER_STATE_CONFLICT',
    });
  });

  it('tells apart by gRPC code what Zitadel answers 400: INVALID_ARGUMENT is 400 VALIDATION_FAILED, FAILED_PRECONDITION 409', async () => {
    const { directory } = directoryAt(provider.url);
    const userId = await createDevUser(provider, token);
    const id = await authorizeDevUser(provider, token, userId, ['player']);

    // INVALID_ARGUMENT (3): an empty role key is no role key at all.
    const invalid = await refusal(directory.updateAuthorization(id, [''], ADMIN_CONTEXT));
    // FAILED_PRECONDITION (9): a role key the project does not have (yet).
    const unknownRole = await refusal(directory.updateAuthorization(id, ['owner'], ADMIN_CONTEXT));
    // INVALID_ARGUMENT (3) on a listing: a page larger than Zitadel serves.
    const tooLarge = await refusal(
      directory.listProjectAuthorizations({ offset: 0, limit: 1001 }, ADMIN_CONTEXT),
    );

    const answers = [invalid, unknownRole, tooLarge].map((error) => ({
      status: error.statusCode,
      code: error.code,
      zitadel: error.cause instanceof Error ? error.cause.message.split(':')[0] : undefined,
    }));
    expect(answers).toEqual([
      { status: 400, code: 'VALIDATION_FAILED', zitadel: 'Zitadel answered 400, code 3' },
      { status: 409, code: 'PLAYER_STATE_CONFLICT', zitadel: 'Zitadel answered 400, code 9' },
      { status: 400, code: 'VALIDATION_FAILED', zitadel: 'Zitadel answered 400, code 3' },
    ]);
    expect(invalid.message).not.toContain('DEVID');
    expect((await authorizationsAt(provider, token, userId)).map((grant) => grant.roleKeys)).toEqual([
      ['player'],
    ]);
  });

  it.each([
    ['player', 400, 409, 'PLAYER_STATE_CONFLICT'],
    ['player', 401, 502, 'USER_DIRECTORY_REFUSED'],
    ['player', 403, 502, 'USER_DIRECTORY_REFUSED'],
    ['player', 404, 404, 'PLAYER_NOT_FOUND'],
    ['changed-meanwhile', 404, 409, 'PLAYER_STATE_CONFLICT'],
    ['misconfigured', 404, 502, 'USER_DIRECTORY_REFUSED'],
    ['player', 409, 409, 'PLAYER_STATE_CONFLICT'],
    ['player', 429, 503, 'UPSTREAM_UNAVAILABLE'],
    ['player', 418, 502, 'UPSTREAM_FAILED'],
  ] as const)(
    'answers a %s call Zitadel refused %i without its error body (a gateway in front, say) by status: %i %s',
    (missing, zitadelStatus, status, code) => {
      const error = zitadelRefusal(missing)({
        status: zitadelStatus,
        body: '<html>refused</html>',
        headers: { 'retry-after': '11' },
      });
      expect({ status: error.statusCode, code: error.code }).toEqual({ status, code });
      if (status === 503) expect(error.headers['retry-after']).toBe('11');
    },
  );

  it("lists the user's authorizations in the project, filtered by project and user (ListAuthorizations)", async () => {
    const { directory } = directoryAt(front.url);
    const userId = await createDevUser(provider, token);
    const id = await authorizeDevUser(provider, token, userId, ['player', 'admin']);
    expect(await directory.projectAuthorizations(userId, ADMIN_CONTEXT)).toEqual([
      { id, roleKeys: ['player', 'admin'] },
    ]);
    expect(front.received.at(-1)).toMatchObject({
      method: 'POST',
      path: `${AUTHORIZATIONS}/ListAuthorizations`,
      authorization: `Bearer ${token}`,
      requestId: ADMIN_CONTEXT.requestId,
      body: { filters: [{ projectId: { id: DEV_PROJECT_ID } }, { userId: { id: userId } }] },
    });
    expect(await directory.projectAuthorizations(UNKNOWN_USER, ADMIN_CONTEXT)).toEqual([]);
  });

  it("pages through the project's authorizations, oldest first, by login name (ListAuthorizations)", async () => {
    const { directory } = directoryAt(front.url);
    const prefix = `dir-list-${process.pid}`;
    const first = await createDevUser(provider, token, `${prefix}-first`);
    const second = await createDevUser(provider, token, `${prefix}-second`);
    await createDevUser(provider, token, `${prefix}-unauthorized`);
    const firstGrant = await authorizeDevUser(provider, token, first, ['player']);
    const secondGrant = await authorizeDevUser(provider, token, second, ['player', 'admin']);
    const search = { offset: 0, limit: 10, loginNameContains: prefix.toUpperCase() };

    expect(await directory.listProjectAuthorizations(search, ADMIN_CONTEXT)).toEqual({
      authorizations: [
        { id: firstGrant, userId: first, roleKeys: ['player'] },
        { id: secondGrant, userId: second, roleKeys: ['player', 'admin'] },
      ],
      total: 2,
    });
    expect(front.received.at(-1)).toMatchObject({
      path: `${AUTHORIZATIONS}/ListAuthorizations`,
      authorization: `Bearer ${token}`,
      body: {
        pagination: { offset: 0, limit: 10, asc: true },
        sortingColumn: 'AUTHORIZATION_FIELD_NAME_CREATED_DATE',
        filters: [
          { projectId: { id: DEV_PROJECT_ID } },
          {
            userPreferredLoginName: {
              loginName: prefix.toUpperCase(),
              method: 'TEXT_FILTER_METHOD_CONTAINS_IGNORE_CASE',
            },
          },
        ],
      },
    });
    expect(
      await directory.listProjectAuthorizations({ ...search, offset: 1, limit: 1 }, ADMIN_CONTEXT),
    ).toEqual({
      authorizations: [{ id: secondGrant, userId: second, roleKeys: ['player', 'admin'] }],
      total: 2,
    });
    const everyone = await directory.listProjectAuthorizations({ offset: 0, limit: 2 }, ADMIN_CONTEXT);
    expect(everyone.authorizations.map((authorization) => authorization.userId)).toEqual([
      DEV_USERS.player.id,
      DEV_USERS.admin.id,
    ]);
    expect(everyone.total).toBeGreaterThanOrEqual(4);
  });

  it('reads the human users of a list of ids, leaving out ids Zitadel does not know (ListUsers)', async () => {
    const { directory } = directoryAt(front.url);
    const ids = [DEV_USERS.admin.id, UNKNOWN_USER, DEV_USERS.player.id];

    const users = await directory.findUsers(ids, ADMIN_CONTEXT);

    expect(users.map((user) => user.id)).toEqual([DEV_USERS.player.id, DEV_USERS.admin.id]);
    expect(users[1]).toEqual({
      id: DEV_USERS.admin.id,
      username: 'admin',
      displayName: 'Ada Admin',
      email: DEV_USERS.admin.email,
      emailVerified: true,
      state: 'active',
      organizationId: DEV_ORGANIZATION.id,
    });
    expect(front.received.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v2/users',
      authorization: `Bearer ${token}`,
      requestId: ADMIN_CONTEXT.requestId,
      body: {
        query: { offset: 0, limit: 3, asc: true },
        sortingColumn: 'USER_FIELD_NAME_CREATION_DATE',
        queries: [{ inUserIdsQuery: { userIds: ids } }],
      },
    });
  });

  it('answers NOT_FOUND (404) for a project Zitadel does not know as 502 USER_DIRECTORY_REFUSED', async () => {
    const { directory } = directoryAt(provider.url, { projectId: '123' });
    const userId = await createDevUser(provider, token);
    const error = await refusal(
      directory.createAuthorization(
        { id: userId, organizationId: DEV_ORGANIZATION.id },
        ['player'],
        ADMIN_CONTEXT,
      ),
    );
    expect({ status: error.statusCode, code: error.code }).toEqual({
      status: 502,
      code: 'USER_DIRECTORY_REFUSED',
    });
  });

  it('answers NOT_FOUND (404) to a listing, a method Zitadel does not serve, as 502 USER_DIRECTORY_REFUSED', async () => {
    const { directory } = directoryAt(front.url);
    front.failNext(1, 404);
    const error = await refusal(directory.listProjectAuthorizations({ offset: 0, limit: 10 }, ADMIN_CONTEXT));
    expect({ status: error.statusCode, code: error.code }).toEqual({
      status: 502,
      code: 'USER_DIRECTORY_REFUSED',
    });
  });

  it('answers UNAUTHENTICATED (401: a machine token Zitadel does not accept) as 502 USER_DIRECTORY_REFUSED', async () => {
    const { directory } = directoryAt(provider.url, { tokens: fixedTokens(`${token}x`) });
    const error = await refusal(directory.getUser(DEV_USERS.player.id, ADMIN_CONTEXT));
    expect({ status: error.statusCode, code: error.code }).toEqual({
      status: 502,
      code: 'USER_DIRECTORY_REFUSED',
    });
    expect(error.message).not.toContain(token);
  });

  it.each([
    [403, 502, 'USER_DIRECTORY_REFUSED'],
    [429, 503, 'UPSTREAM_UNAVAILABLE'],
    [500, 502, 'UPSTREAM_FAILED'],
    [503, 503, 'UPSTREAM_UNAVAILABLE'],
  ])('answers Zitadel %i as %i %s', async (zitadelStatus, status, code) => {
    const { directory } = directoryAt(front.url);
    front.failNext(1, zitadelStatus);
    const error = await refusal(directory.deactivateUser(DEV_USERS.player.id, ADMIN_CONTEXT));
    expect({ status: error.statusCode, code: error.code }).toEqual({ status, code });
    if (status === 503) expect(Number(error.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('retries a read after Zitadel failed, but never a deactivation', async () => {
    const { directory } = directoryAt(front.url);
    const userId = await createDevUser(provider, token);
    const before = front.received.length;
    front.failNext(1, 503);
    expect((await directory.getUser(userId, ADMIN_CONTEXT)).state).toBe('active');
    expect(front.received.slice(before).map((request) => request.method)).toEqual(['GET', 'GET']);

    const beforeDeactivation = front.received.length;
    front.failNext(1, 503);
    const error = await refusal(directory.deactivateUser(userId, ADMIN_CONTEXT));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(front.received.slice(beforeDeactivation).map((request) => request.path)).toEqual([
      `/v2/users/${userId}/deactivate`,
    ]);
    expect((await directory.getUser(userId, ADMIN_CONTEXT)).state).toBe('active');
  });

  it('retries listing users and authorizations, setting and deleting authorizations: safe to repeat', async () => {
    const { directory } = directoryAt(front.url);
    const userId = await createDevUser(provider, token);
    const id = await authorizeDevUser(provider, token, userId, ['player']);
    front.failNext(1, 503);
    expect(await directory.projectAuthorizations(userId, ADMIN_CONTEXT)).toEqual([
      { id, roleKeys: ['player'] },
    ]);
    front.failNext(1, 503);
    expect((await directory.findUsers([userId], ADMIN_CONTEXT)).map((user) => user.id)).toEqual([userId]);
    front.failNext(1, 503);
    expect(
      (await directory.listProjectAuthorizations({ offset: 0, limit: 1 }, ADMIN_CONTEXT)).total,
    ).toBeGreaterThan(0);
    front.failNext(1, 503);
    await directory.updateAuthorization(id, ['player', 'admin'], ADMIN_CONTEXT);
    expect(
      (await authorizationsAt(provider, token, userId)).map((authorization) => authorization.roleKeys),
    ).toEqual([['player', 'admin']]);
    front.failNext(1, 503);
    await directory.deleteAuthorization(id, ADMIN_CONTEXT);
    expect(await authorizationsAt(provider, token, userId)).toEqual([]);
  });

  it('opens its circuit breaker when Zitadel keeps failing, and then stops calling it', async () => {
    const { client, directory } = directoryAt(front.url, { config: { ...CLIENT_CONFIG, retries: 0 } });
    const before = front.received.length;
    front.failNext(100, 503);
    for (let call = 0; call < 3; call += 1)
      await refusal(directory.getUser(DEV_USERS.player.id, ADMIN_CONTEXT));
    expect(client.circuitState).toBe('open');
    const refused = await refusal(directory.getUser(DEV_USERS.player.id, ADMIN_CONTEXT));
    expect(refused.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(front.received.length - before).toBe(3);
  });

  it('opens its circuit breaker when the issuer is down', async () => {
    const { client, directory } = directoryAt(await closedPortUrl(), {
      config: { ...CLIENT_CONFIG, retries: 0 },
    });
    for (let call = 0; call < 3; call += 1) {
      const error = await refusal(directory.getUser(DEV_USERS.player.id, ADMIN_CONTEXT));
      expect({ status: error.statusCode, code: error.code }).toEqual({
        status: 503,
        code: 'UPSTREAM_UNAVAILABLE',
      });
    }
    expect(client.circuitState).toBe('open');
  });

  it('answers a machine token the issuer cannot hand out as 503 UPSTREAM_UNAVAILABLE, calling nothing', async () => {
    const unavailable: ServiceTokenSource = {
      token: async () => {
        throw new IdentityProviderUnavailableError('the token endpoint did not answer');
      },
    };
    const { directory } = directoryAt(front.url, { tokens: unavailable });
    const before = front.received.length;
    const error = await refusal(directory.getUser(DEV_USERS.player.id, ADMIN_CONTEXT));
    expect({ status: error.statusCode, code: error.code }).toEqual({
      status: 503,
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(front.received.length).toBe(before);
  });
});
