import { TestBrowser } from '@know-foolery/shared/testing';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS, type DevIdentityProvider, ROLES_CLAIM, startDevIdentityProvider } from '../src/index.js';
import { authorizationUrl, fillIn, open, signInForTokens } from './sign-in.js';
import { clientCredentialsToken, endpoint, introspect, jsonOf, refresh } from './token-requests.js';
import { AUTHORIZATION_SERVICE, callUserApi, zitadelError } from './user-api-calls.js';

describe('the user API subset', () => {
  let provider: DevIdentityProvider;
  let machineToken: string;

  /** `token` null sends no Authorization header; left out, the machine client's token is sent. */
  const call = (method: string, path: string, body?: unknown, token: string | null = machineToken) =>
    callUserApi(provider, token, method, path, body);

  let serial = 0;
  async function createUser(
    password = 'a-good-password',
  ): Promise<{ id: string; username: string; password: string }> {
    serial += 1;
    const username = `new-user-${serial}`;
    const created = await call('POST', '/v2/users/new', {
      username,
      human: {
        profile: { givenName: 'New', familyName: `User ${serial}` },
        email: { email: `${username}@example.test`, isVerified: true },
        password: { password },
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.stringMatching(/^\d{18}$/), creationDate: expect.any(String) });
    return { id: String(created.body.id), username, password };
  }

  beforeAll(async () => {
    provider = await startDevIdentityProvider();
    machineToken = (await clientCredentialsToken(provider, provider.clients.machine)).access_token;
  });
  afterAll(() => provider.stop());

  describe('refusals', () => {
    it('refuses a call without a token: 401, gRPC code 16', async () => {
      const answer = await call('GET', `/v2/users/${DEV_USERS.player.id}`, undefined, null);

      expect(answer).toEqual({ status: 401, body: zitadelError(16) });
      expect(answer.body.message).toMatch(/auth header missing/);
    });

    it('refuses a token that does not verify: 401, gRPC code 16', async () => {
      const answer = await call('GET', `/v2/users/${DEV_USERS.player.id}`, undefined, `${machineToken}x`);

      expect(answer).toEqual({ status: 401, body: zitadelError(16) });
    });

    it('refuses a player’s access token: 403, gRPC code 7', async () => {
      const player = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);

      const answer = await call('POST', '/v2/users/new', {}, player.access_token);

      expect(answer).toEqual({ status: 403, body: zitadelError(7) });
    });

    it('answers an unknown method with 404, gRPC code 5', async () => {
      expect(await call('POST', `/v2/users/${DEV_USERS.player.id}/lock`, {})).toEqual({
        status: 404,
        body: zitadelError(5),
      });
    });
  });

  describe('users', () => {
    it('creates a human user who can sign in at once, with no roles yet', async () => {
      const user = await createUser();

      const tokens = await signInForTokens(provider, provider.clients.web, user);

      const idToken = decodeJwt(tokens.id_token ?? '');
      expect(idToken).toMatchObject({ sub: user.id, preferred_username: user.username, amr: ['pwd'] });
      expect(idToken).not.toHaveProperty(ROLES_CLAIM);
    });

    it('creates a user with a TOTP secret, who then owes a code', async () => {
      const totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
      const created = await call('POST', '/v2/users/new', {
        username: 'totp-user',
        human: {
          profile: { givenName: 'Tee', familyName: 'Otp' },
          email: { email: 'totp@example.test' },
          password: { password: 'totp-user-password' },
          totpSecret,
        },
      });
      expect(created.status).toBe(200);

      const tokens = await signInForTokens(provider, provider.clients.web, {
        username: 'totp-user',
        password: 'totp-user-password',
        totpSecret,
      });
      expect(decodeJwt(tokens.id_token ?? '')).toMatchObject({ amr: ['pwd', 'otp', 'mfa'] });
    });

    it('gets a user in Zitadel’s shape', async () => {
      const answer = await call('GET', `/v2/users/${DEV_USERS.admin.id}`);

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        details: {
          sequence: expect.any(String),
          changeDate: expect.any(String),
          resourceOwner: expect.any(String),
        },
        user: {
          userId: DEV_USERS.admin.id,
          state: 'USER_STATE_ACTIVE',
          username: 'admin',
          human: {
            profile: { givenName: 'Ada', familyName: 'Admin', displayName: 'Ada Admin' },
            email: { email: DEV_USERS.admin.email, isVerified: true },
          },
        },
      });
    });

    it('answers 404 (code 5) for an unknown user', async () => {
      expect(await call('GET', '/v2/users/999999999999999999')).toEqual({
        status: 404,
        body: zitadelError(5),
      });
    });

    it('refuses a body that departs from CreateUser (code 3) and a username taken (code 6)', async () => {
      const missingProfile = await call('POST', '/v2/users/new', {
        human: { email: { email: 'x@example.test' } },
      });
      expect(missingProfile).toEqual({ status: 400, body: zitadelError(3) });

      const notJson = await fetch(endpoint(provider, '/v2/users/new'), {
        method: 'POST',
        headers: { authorization: `Bearer ${machineToken}`, 'content-type': 'application/json' },
        body: '{"human":',
      });
      expect(notJson.status).toBe(400);
      expect(await jsonOf(notJson)).toEqual(zitadelError(3));

      const taken = await call('POST', '/v2/users/new', {
        username: 'PLAYER',
        human: { profile: { givenName: 'A', familyName: 'B' }, email: { email: 'taken@example.test' } },
      });
      expect(taken).toEqual({ status: 409, body: zitadelError(6) });
    });

    it('deactivates a user: no sign-in, no refresh, tokens inactive; reactivates them', async () => {
      const user = await createUser();
      const beforeDeactivation = await signInForTokens(provider, provider.clients.opaqueWeb, user);

      const deactivated = await call('POST', `/v2/users/${user.id}/deactivate`, {});
      expect(deactivated).toEqual({
        status: 200,
        body: { details: expect.objectContaining({ sequence: '2' }) },
      });
      expect((await call('GET', `/v2/users/${user.id}`)).body).toMatchObject({
        user: { state: 'USER_STATE_INACTIVE' },
      });

      const browser = new TestBrowser();
      const login = await open(browser, authorizationUrl(provider, provider.clients.web.clientId).url);
      const refused = await fillIn(browser, login, 'password', {
        username: user.username,
        password: user.password,
      });
      expect(refused.redirect).toBeUndefined();
      expect(refused.html).toContain('This user is deactivated.');

      const refreshed = await refresh(
        provider,
        provider.clients.opaqueWeb,
        beforeDeactivation.refresh_token ?? '',
      );
      expect(refreshed.status).toBe(400);
      expect(await jsonOf(refreshed)).toMatchObject({ error: 'invalid_grant' });
      expect(await introspect(provider, beforeDeactivation.access_token)).toEqual({ active: false });
      const userinfo = await fetch(endpoint(provider, '/oidc/v1/userinfo'), {
        headers: { authorization: `Bearer ${beforeDeactivation.access_token}` },
      });
      expect(userinfo.status).toBe(401);
      await userinfo.body?.cancel();

      expect(await call('POST', `/v2/users/${user.id}/deactivate`, {})).toEqual({
        status: 400,
        body: zitadelError(9),
      });

      expect((await call('POST', `/v2/users/${user.id}/reactivate`, {})).status).toBe(200);
      await expect(signInForTokens(provider, provider.clients.web, user)).resolves.toMatchObject({
        access_token: expect.any(String),
      });
      expect(await call('POST', `/v2/users/${user.id}/reactivate`, {})).toEqual({
        status: 400,
        body: zitadelError(9),
      });
    });
  });

  describe('project roles', () => {
    async function rolesAfterSignIn(user: { username: string; password: string }): Promise<unknown> {
      const tokens = await signInForTokens(provider, provider.clients.web, user);
      return decodeJwt(tokens.access_token)[ROLES_CLAIM];
    }

    it('grants, changes and revokes roles through the authorization service v2', async () => {
      const user = await createUser();

      const created = await call('POST', `${AUTHORIZATION_SERVICE}/CreateAuthorization`, {
        userId: user.id,
        projectId: provider.projectId,
        roleKeys: ['player'],
      });
      expect(created).toEqual({
        status: 200,
        body: { id: expect.any(String), creationDate: expect.any(String) },
      });
      expect(await rolesAfterSignIn(user)).toEqual({ player: expect.any(Object) });

      const again = await call('POST', `${AUTHORIZATION_SERVICE}/CreateAuthorization`, {
        userId: user.id,
        projectId: provider.projectId,
      });
      expect(again).toEqual({ status: 409, body: zitadelError(6) });

      const updated = await call('POST', `${AUTHORIZATION_SERVICE}/UpdateAuthorization`, {
        id: created.body.id,
        roleKeys: ['player', 'admin'],
      });
      expect(updated).toEqual({ status: 200, body: { changeDate: expect.any(String) } });
      expect(await rolesAfterSignIn(user)).toEqual({ player: expect.any(Object), admin: expect.any(Object) });

      const deleted = await call('POST', `${AUTHORIZATION_SERVICE}/DeleteAuthorization`, {
        id: created.body.id,
      });
      expect(deleted).toEqual({ status: 200, body: { deletionDate: expect.any(String) } });
      expect(await rolesAfterSignIn(user)).toBeUndefined();
      expect(
        await call('POST', `${AUTHORIZATION_SERVICE}/DeleteAuthorization`, { id: created.body.id }),
      ).toEqual({
        status: 200,
        body: {},
      });
    });

    it('refuses an unknown role (code 9) and an unknown project (code 5)', async () => {
      const user = await createUser();

      const unknownRole = await call('POST', `${AUTHORIZATION_SERVICE}/CreateAuthorization`, {
        userId: user.id,
        projectId: provider.projectId,
        roleKeys: ['superuser'],
      });
      expect(unknownRole).toEqual({ status: 400, body: zitadelError(9) });

      const unknownProject = await call('POST', `${AUTHORIZATION_SERVICE}/CreateAuthorization`, {
        userId: user.id,
        projectId: '123',
        roleKeys: ['player'],
      });
      expect(unknownProject).toEqual({ status: 404, body: zitadelError(5) });
    });

    it('grants, changes and removes user grants through the management API v1', async () => {
      const user = await createUser();

      const added = await call('POST', `/management/v1/users/${user.id}/grants`, {
        projectId: provider.projectId,
        roleKeys: ['player'],
      });
      expect(added).toEqual({
        status: 200,
        body: { userGrantId: expect.any(String), details: expect.any(Object) },
      });
      expect(await rolesAfterSignIn(user)).toEqual({ player: expect.any(Object) });

      const grantPath = `/management/v1/users/${user.id}/grants/${String(added.body.userGrantId)}`;
      expect((await call('PUT', grantPath, { roleKeys: ['admin'] })).status).toBe(200);
      expect(await rolesAfterSignIn(user)).toEqual({ admin: expect.any(Object) });

      expect((await call('DELETE', grantPath)).status).toBe(200);
      expect(await rolesAfterSignIn(user)).toBeUndefined();
      expect(await call('DELETE', grantPath)).toEqual({ status: 404, body: zitadelError(5) });
    });
  });
});
