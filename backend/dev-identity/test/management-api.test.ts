import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS, type DevIdentityProvider, startDevIdentityProvider } from '../src/index.js';
import { DEV_ADMIN_PAT } from '../src/seed.js';
import { basicAuth, CALLBACK, postForm, signInForTokens } from './sign-in.js';
import { clientCredentialsToken, endpoint, introspect, verifyWithPublishedKeys } from './token-requests.js';
import { callUserApi, objectOf, objectsOf, zitadelError } from './user-api-calls.js';

const MANAGEMENT = '/management/v1';

function webApplication(name: string, accessTokenType: 'OIDC_TOKEN_TYPE_JWT' | 'OIDC_TOKEN_TYPE_BEARER') {
  return {
    name,
    redirectUris: [CALLBACK],
    postLogoutRedirectUris: ['http://localhost:3000/'],
    responseTypes: ['OIDC_RESPONSE_TYPE_CODE'],
    grantTypes: ['OIDC_GRANT_TYPE_AUTHORIZATION_CODE', 'OIDC_GRANT_TYPE_REFRESH_TOKEN'],
    appType: 'OIDC_APP_TYPE_WEB',
    authMethodType: 'OIDC_AUTH_METHOD_TYPE_BASIC',
    accessTokenType,
  };
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string') throw new Error(`expected ${name} in ${JSON.stringify(body)}`);
  return value;
}

describe('the management API subset (projects, applications, machine users)', () => {
  let provider: DevIdentityProvider;
  let projectPath: string;
  const manage = (method: string, path: string, body?: unknown) =>
    callUserApi(provider, DEV_ADMIN_PAT, method, `${MANAGEMENT}${path}`, body);

  beforeAll(async () => {
    provider = await startDevIdentityProvider();
    projectPath = `/projects/${provider.projectId}`;
  });
  afterAll(() => provider.stop());

  it('answers only the administrator’s personal access token', async () => {
    const missing = await callUserApi(provider, null, 'GET', `${MANAGEMENT}/orgs/me`);
    const wrong = await callUserApi(provider, 'a-guessed-token', 'GET', `${MANAGEMENT}/orgs/me`);
    const machine = await clientCredentialsToken(provider, provider.clients.machine);
    const machineToken = await callUserApi(provider, machine.access_token, 'GET', `${MANAGEMENT}/orgs/me`);
    expect([missing, wrong, machineToken]).toEqual([
      { status: 401, body: zitadelError(16) },
      { status: 401, body: zitadelError(16) },
      { status: 401, body: zitadelError(16) },
    ]);
    expect(await manage('GET', '/orgs/me')).toMatchObject({
      status: 200,
      body: { org: { id: expect.any(String) } },
    });
  });

  it('finds its one project by name and its roles by key, and refuses to make others', async () => {
    const projects = await manage('POST', '/projects/_search', {
      queries: [{ nameQuery: { name: 'Know Foolery', method: 'TEXT_QUERY_METHOD_EQUALS' } }],
    });
    expect(projects).toMatchObject({
      status: 200,
      body: { result: [{ id: provider.projectId, name: 'Know Foolery' }] },
    });
    expect(
      (await manage('POST', '/projects/_search', { queries: [{ nameQuery: { name: 'Other' } }] })).body,
    ).toMatchObject({ result: [] });
    expect(await manage('POST', '/projects', { name: 'Know Foolery' })).toEqual({
      status: 409,
      body: zitadelError(6),
    });
    expect(await manage('POST', '/projects', { name: 'Other' })).toEqual({
      status: 400,
      body: zitadelError(9),
    });
    const roles = await manage('POST', `${projectPath}/roles/_search`, {});
    expect(objectsOf(roles.body.result).map((role) => role.key)).toEqual(['player', 'admin']);
    expect(await manage('POST', `${projectPath}/roles`, { roleKey: 'admin' })).toEqual({
      status: 409,
      body: zitadelError(6),
    });
    expect(await manage('POST', `${projectPath}/roles`, { roleKey: 'editor' })).toEqual({
      status: 400,
      body: zitadelError(9),
    });
    expect(await manage('POST', '/projects/1/roles/_search', {})).toEqual({
      status: 404,
      body: zitadelError(5),
    });
    expect(
      await manage('POST', '/projects/_search', {
        queries: [{ nameQuery: { name: 'K', method: 'TEXT_QUERY_METHOD_CONTAINS' } }],
      }),
    ).toEqual({
      status: 400,
      body: zitadelError(3),
    });
  });

  it('makes an OIDC application people sign in through, found by name afterwards', async () => {
    const created = await manage(
      'POST',
      `${projectPath}/apps/oidc`,
      webApplication('web-jwt', 'OIDC_TOKEN_TYPE_JWT'),
    );
    expect(created.status).toBe(200);
    const client = {
      clientId: text(created.body, 'clientId'),
      clientSecret: text(created.body, 'clientSecret'),
    };
    const tokens = await signInForTokens(provider, client, DEV_USERS.player);
    expect(await verifyWithPublishedKeys(provider, tokens.access_token)).toMatchObject({
      sub: DEV_USERS.player.id,
      client_id: client.clientId,
    });

    const found = await manage('POST', `${projectPath}/apps/_search`, {
      queries: [{ nameQuery: { name: 'web-jwt' } }],
    });
    expect(found.body).toMatchObject({
      result: [
        { id: created.body.appId, oidcConfig: { clientId: client.clientId, redirectUris: [CALLBACK] } },
      ],
    });
    expect(
      await manage('POST', `${projectPath}/apps/oidc`, webApplication('web-jwt', 'OIDC_TOKEN_TYPE_JWT')),
    ).toEqual({
      status: 409,
      body: zitadelError(6),
    });
    const implicit = {
      ...webApplication('implicit', 'OIDC_TOKEN_TYPE_JWT'),
      grantTypes: ['OIDC_GRANT_TYPE_IMPLICIT'],
    };
    expect(await manage('POST', `${projectPath}/apps/oidc`, implicit)).toEqual({
      status: 400,
      body: zitadelError(3),
    });
  });

  it('gives an opaque-token application tokens an API application it made introspects; a new secret replaces the old', async () => {
    const web = await manage(
      'POST',
      `${projectPath}/apps/oidc`,
      webApplication('web-opaque', 'OIDC_TOKEN_TYPE_BEARER'),
    );
    const api = await manage('POST', `${projectPath}/apps/api`, {
      name: 'api',
      authMethodType: 'API_AUTH_METHOD_TYPE_BASIC',
    });
    const webClient = { clientId: text(web.body, 'clientId'), clientSecret: text(web.body, 'clientSecret') };
    const apiClient = { clientId: text(api.body, 'clientId'), clientSecret: text(api.body, 'clientSecret') };
    const tokens = await signInForTokens(provider, webClient, DEV_USERS.player);
    expect(tokens.access_token.split('.')).toHaveLength(1);
    expect(await introspect(provider, tokens.access_token, apiClient)).toMatchObject({
      active: true,
      sub: DEV_USERS.player.id,
    });

    const renewed = await manage(
      'POST',
      `${projectPath}/apps/${text(api.body, 'appId')}/api_config/_generate_client_secret`,
      {},
    );
    const newSecret = text(renewed.body, 'clientSecret');
    expect(newSecret).not.toBe(apiClient.clientSecret);
    await expect(introspect(provider, tokens.access_token, apiClient)).rejects.toThrow(/401/);
    expect(
      await introspect(provider, tokens.access_token, { ...apiClient, clientSecret: newSecret }),
    ).toMatchObject({ active: true });
    const wrongKind = await manage(
      'POST',
      `${projectPath}/apps/${text(api.body, 'appId')}/oidc_config/_generate_client_secret`,
      {},
    );
    expect(wrongKind).toEqual({ status: 400, body: zitadelError(9) });
  });

  it('makes a machine user whose client-credentials tokens name it, and who manages people once a member', async () => {
    const added = await manage('POST', '/users/machine', {
      userName: 'robot',
      name: 'Robot',
      accessTokenType: 'ACCESS_TOKEN_TYPE_JWT',
    });
    const userId = text(added.body, 'userId');
    expect(await manage('POST', '/users/machine', { userName: 'robot', name: 'Again' })).toEqual({
      status: 409,
      body: zitadelError(6),
    });
    const secret = await manage('PUT', `/users/${userId}/secret`);
    expect(secret.body).toMatchObject({ clientId: 'robot', clientSecret: expect.any(String) });
    const client = { clientId: 'robot', clientSecret: text(secret.body, 'clientSecret') };
    const tokens = await clientCredentialsToken(provider, client);
    expect(await verifyWithPublishedKeys(provider, tokens.access_token)).toMatchObject({
      sub: userId,
      client_id: 'robot',
    });

    const path = `/v2/users/${DEV_USERS.player.id}`;
    expect((await callUserApi(provider, tokens.access_token, 'GET', path)).status).toBe(403);
    expect(await manage('POST', '/orgs/me/members', { userId, roles: ['ORG_USER_MANAGER'] })).toMatchObject({
      status: 200,
    });
    expect(await manage('POST', '/orgs/me/members', { userId, roles: ['ORG_USER_MANAGER'] })).toEqual({
      status: 409,
      body: zitadelError(6),
    });
    expect((await callUserApi(provider, tokens.access_token, 'GET', path)).status).toBe(200);

    const found = await manage('POST', '/users/_search', {
      queries: [{ userNameQuery: { userName: 'robot' } }],
    });
    expect(objectsOf(found.body.result).map((user) => objectOf(user).id)).toEqual([userId]);
    const renewed = await manage('PUT', `/users/${userId}/secret`);
    const refused = await postForm(
      endpoint(provider, '/oauth/v2/token'),
      { grant_type: 'client_credentials' },
      basicAuth(client),
    );
    expect(refused.status).toBe(401);
    await expect(
      clientCredentialsToken(provider, { ...client, clientSecret: text(renewed.body, 'clientSecret') }),
    ).resolves.toBeDefined();
  });

  it('adds a person with the older AddHumanUser call and lists grants the management API’s way', async () => {
    const added = await callUserApi(provider, DEV_ADMIN_PAT, 'POST', '/v2/users/human', {
      organization: { orgId: '300000000000000000' },
      username: 'carol',
      profile: { givenName: 'Carol', familyName: 'Curator' },
      email: { email: 'carol@example.com', isVerified: true },
      password: { password: 'carol-password', changeRequired: false },
      totpSecret: 'KNOWFOOLERYDEVCAROLTOTPSECRET234',
    });
    expect(added).toMatchObject({
      status: 200,
      body: { userId: expect.any(String), details: { sequence: '1' } },
    });
    const userId = text(added.body, 'userId');
    const user = await callUserApi(provider, DEV_ADMIN_PAT, 'GET', `/v2/users/${userId}`);
    expect(user.body).toMatchObject({
      user: { username: 'carol', human: { profile: { displayName: 'Carol Curator' } } },
    });
    const again = await callUserApi(provider, DEV_ADMIN_PAT, 'POST', '/v2/users/human', {
      username: 'carol',
      profile: { givenName: 'C', familyName: 'C' },
      email: { email: 'c@example.com' },
    });
    expect(again).toEqual({ status: 409, body: zitadelError(6) });

    const grants = await manage('POST', '/users/grants/_search', {
      queries: [
        { userIdQuery: { userId: DEV_USERS.admin.id } },
        { projectIdQuery: { projectId: provider.projectId } },
      ],
    });
    expect(grants.body).toMatchObject({
      result: [{ userId: DEV_USERS.admin.id, roleKeys: ['player', 'admin'] }],
    });
    const none = await manage('POST', '/users/grants/_search', { queries: [{ userIdQuery: { userId } }] });
    expect(none.body).toMatchObject({ result: [] });
  });

  it('lets the personal access token call the user API too, and leaves the seeded clients as they were', async () => {
    expect(
      (await callUserApi(provider, DEV_ADMIN_PAT, 'GET', `/v2/users/${DEV_USERS.admin.id}`)).status,
    ).toBe(200);
    const machine = await clientCredentialsToken(provider, provider.clients.machine);
    expect(await verifyWithPublishedKeys(provider, machine.access_token)).toMatchObject({
      sub: provider.clients.machine.clientId,
    });
    expect(
      (await callUserApi(provider, machine.access_token, 'GET', `/v2/users/${DEV_USERS.admin.id}`)).status,
    ).toBe(200);
  });
});
