import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS, type DevIdentityProvider, startDevIdentityProvider } from '../src/index.js';
import { signInForTokens } from './sign-in.js';
import { clientCredentialsToken } from './token-requests.js';
import { callUserApi, objectsOf, zitadelError } from './user-api-calls.js';

/** ListUsers, `POST /v2/users`, on a provider of its own: the seeded users and three more. */
describe('the user search (ListUsers)', () => {
  let provider: DevIdentityProvider;
  let machineToken: string;
  /** Created in this order after the seeded player and admin. */
  const created: Record<'alpha' | 'beta' | 'gamma', string> = { alpha: '', beta: '', gamma: '' };

  const search = (body: unknown, token: string = machineToken) =>
    callUserApi(provider, token, 'POST', '/v2/users', body);

  /** The ids of the users found, in the order answered. */
  async function idsFound(body: unknown): Promise<string[]> {
    const answer = await search(body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return objectsOf(answer.body.result).map((user) => String(user.userId));
  }

  async function createUser(username: string, givenName: string, familyName: string): Promise<string> {
    const answer = await callUserApi(provider, machineToken, 'POST', '/v2/users/new', {
      username,
      human: { profile: { givenName, familyName }, email: { email: `${username}@example.test` } },
    });
    expect(answer.status).toBe(200);
    return String(answer.body.id);
  }

  beforeAll(async () => {
    provider = await startDevIdentityProvider();
    machineToken = (await clientCredentialsToken(provider, provider.clients.machine)).access_token;
    created.alpha = await createUser('search-alpha', 'Alice', 'Alpha');
    created.beta = await createUser('Search-Beta', 'Bob', 'Beta');
    created.gamma = await createUser('other-gamma', 'Gina', 'Gamma');
  });
  afterAll(() => provider.stop());

  const inCreationOrder = () => [
    DEV_USERS.player.id,
    DEV_USERS.admin.id,
    created.alpha,
    created.beta,
    created.gamma,
  ];

  it('answers every user in Zitadel’s shape, with the total and the sorting column', async () => {
    const answer = await search({ query: { asc: true }, sortingColumn: 'USER_FIELD_NAME_CREATION_DATE' });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      details: { totalResult: '5', timestamp: expect.any(String) },
      sortingColumn: 'USER_FIELD_NAME_CREATION_DATE',
    });
    const users = objectsOf(answer.body.result);
    expect(users.map((user) => user.userId)).toEqual(inCreationOrder());
    expect(users[0]).toMatchObject({
      userId: DEV_USERS.player.id,
      state: 'USER_STATE_ACTIVE',
      username: 'player',
      details: { resourceOwner: expect.any(String) },
      human: { profile: { displayName: 'Pat Player' }, email: { email: DEV_USERS.player.email } },
    });
  });

  it('pages with offset and limit, numbers or strings, counting every match in the total', async () => {
    const answer = await search({
      query: { offset: '1', limit: 2, asc: true },
      sortingColumn: 'USER_FIELD_NAME_CREATION_DATE',
    });

    expect(objectsOf(answer.body.result).map((user) => user.userId)).toEqual([
      DEV_USERS.admin.id,
      created.alpha,
    ]);
    expect(answer.body.details).toMatchObject({ totalResult: '5' });
    expect(await idsFound({ query: { offset: 5 } })).toEqual([]);
  });

  it('sorts descending unless asked to ascend, by the column named or its number', async () => {
    const byUsername = ['Search-Beta', 'admin', 'other-gamma', 'player', 'search-alpha'];
    const idOf: Record<string, string> = {
      'Search-Beta': created.beta,
      admin: DEV_USERS.admin.id,
      'other-gamma': created.gamma,
      player: DEV_USERS.player.id,
      'search-alpha': created.alpha,
    };
    const ascending = byUsername.map((username) => idOf[username]);

    expect(await idsFound({ query: { asc: true }, sortingColumn: 'USER_FIELD_NAME_USER_NAME' })).toEqual(
      ascending,
    );
    expect(await idsFound({ sortingColumn: 1 })).toEqual([...ascending].reverse());
  });

  it('finds users by id list, leaving out ids it does not know', async () => {
    const ids = [created.beta, DEV_USERS.player.id, '399999999999999999'];

    const answer = await search({ query: { asc: true }, queries: [{ inUserIdsQuery: { userIds: ids } }] });

    expect(objectsOf(answer.body.result).map((user) => user.userId)).toEqual([
      DEV_USERS.player.id,
      created.beta,
    ]);
    expect(answer.body.details).toMatchObject({ totalResult: '2' });
  });

  it('finds users by username with each text method, EQUALS when none is named', async () => {
    const byName = (userName: string, method?: string | number) =>
      idsFound({ query: { asc: true }, queries: [{ userNameQuery: { userName, method } }] });

    expect(await byName('search-alpha')).toEqual([created.alpha]);
    expect(await byName('SEARCH-ALPHA')).toEqual([]);
    expect(await byName('SEARCH-ALPHA', 'TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE')).toEqual([created.alpha]);
    expect(await byName('search', 'TEXT_QUERY_METHOD_CONTAINS')).toEqual([created.alpha]);
    expect(await byName('search', 'TEXT_QUERY_METHOD_CONTAINS_IGNORE_CASE')).toEqual([
      created.alpha,
      created.beta,
    ]);
    expect(await byName('Search', 'TEXT_QUERY_METHOD_STARTS_WITH')).toEqual([created.beta]);
    expect(await byName('GAMMA', 'TEXT_QUERY_METHOD_ENDS_WITH_IGNORE_CASE')).toEqual([created.gamma]);
    expect(await byName('S', 4)).toEqual([created.beta]);
  });

  it('finds users by state, and by the other fields a player is known by', async () => {
    expect(await idsFound({ queries: [{ stateQuery: { state: 'USER_STATE_INACTIVE' } }] })).toEqual([]);
    const deactivated = await callUserApi(
      provider,
      machineToken,
      'POST',
      `/v2/users/${created.gamma}/deactivate`,
      {},
    );
    expect(deactivated.status).toBe(200);

    expect(await idsFound({ queries: [{ stateQuery: { state: 'USER_STATE_INACTIVE' } }] })).toEqual([
      created.gamma,
    ]);
    expect(await idsFound({ queries: [{ stateQuery: { state: 1 } }] })).not.toContain(created.gamma);
    expect(await idsFound({ queries: [{ displayNameQuery: { displayName: 'Bob Beta' } }] })).toEqual([
      created.beta,
    ]);
    expect(await idsFound({ queries: [{ emailQuery: { emailAddress: DEV_USERS.admin.email } }] })).toEqual([
      DEV_USERS.admin.id,
    ]);
    expect(
      await idsFound({
        queries: [{ loginNameQuery: { loginName: 'player@', method: 'TEXT_QUERY_METHOD_STARTS_WITH' } }],
      }),
    ).toEqual([DEV_USERS.player.id]);
    expect(await idsFound({ queries: [{ typeQuery: { type: 'TYPE_MACHINE' } }] })).toEqual([]);
  });

  it('holds every query (AND), and nests or, and, not', async () => {
    const alphaOrGamma = {
      orQuery: {
        queries: [
          { userNameQuery: { userName: 'search-alpha' } },
          { lastNameQuery: { lastName: 'gam', method: 'TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE' } },
        ],
      },
    };

    expect(await idsFound({ query: { asc: true }, queries: [alphaOrGamma] })).toEqual([
      created.alpha,
      created.gamma,
    ]);
    expect(
      await idsFound({
        queries: [alphaOrGamma, { inUserIdsQuery: { userIds: [created.gamma, created.beta] } }],
      }),
    ).toEqual([created.gamma]);
    expect(
      await idsFound({
        query: { asc: true },
        queries: [
          { notQuery: { query: alphaOrGamma } },
          { andQuery: { queries: [{ typeQuery: { type: 'TYPE_HUMAN' } }] } },
        ],
      }),
    ).toEqual([DEV_USERS.player.id, DEV_USERS.admin.id, created.beta]);
  });

  it('refuses a limit above 1000, a query it does not know and one naming two queries: 400, code 3', async () => {
    expect(await search({ query: { limit: 1001 } })).toEqual({ status: 400, body: zitadelError(3) });

    const unknown = await search({ queries: [{ phoneQuery: { number: '+41791234567' } }] });
    expect(unknown).toEqual({ status: 400, body: zitadelError(3) });
    expect(unknown.body.message).toMatch(/\/queries\/0 is no filter the development provider knows/);

    const two = { userNameQuery: { userName: 'player' }, stateQuery: { state: 'USER_STATE_ACTIVE' } };
    expect(await search({ queries: [two] })).toEqual({ status: 400, body: zitadelError(3) });
    expect(await search({ queries: [{ userNameQuery: { userName: '' } }] })).toEqual({
      status: 400,
      body: zitadelError(3),
    });
  });

  it('refuses a player’s token (403, code 7), as every call of the user API', async () => {
    const player = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);

    expect(await search({}, player.access_token)).toEqual({ status: 403, body: zitadelError(7) });
  });
});
