import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_ORGANIZATION,
  DEV_USERS,
  type DevIdentityProvider,
  projectRolesClaim,
  ROLES_CLAIM,
  startDevIdentityProvider,
} from '../src/index.js';
import { basicAuth, postForm, signInForTokens } from './sign-in.js';
import { endpoint, introspect, jsonOf } from './token-requests.js';

describe('introspection of opaque access tokens', () => {
  let provider: DevIdentityProvider;
  beforeAll(async () => {
    provider = await startDevIdentityProvider();
  });
  afterAll(() => provider.stop());

  it('gives the second web client opaque access tokens that the API application introspects, roles included', async () => {
    const tokens = await signInForTokens(provider, provider.clients.opaqueWeb, DEV_USERS.admin);
    expect(tokens.access_token.split('.')).toHaveLength(1);

    const answer = await introspect(provider, tokens.access_token);

    const orgRole = { [DEV_ORGANIZATION.id]: DEV_ORGANIZATION.primaryDomain };
    expect(answer).toMatchObject({
      active: true,
      sub: DEV_USERS.admin.id,
      client_id: provider.clients.opaqueWeb.clientId,
      aud: provider.projectId,
      iss: provider.issuer,
      token_type: 'Bearer',
      [ROLES_CLAIM]: { player: orgRole, admin: orgRole },
      [projectRolesClaim(provider.projectId)]: { player: orgRole, admin: orgRole },
    });
    expect(answer).not.toHaveProperty('amr');
  });

  it('answers inactive to a client that neither owns the token nor is the API application', async () => {
    const tokens = await signInForTokens(provider, provider.clients.opaqueWeb, DEV_USERS.player);

    expect(await introspect(provider, tokens.access_token, provider.clients.web)).toEqual({ active: false });
    expect(await introspect(provider, tokens.access_token, provider.clients.opaqueWeb)).toMatchObject({
      active: true,
    });
  });

  it('answers inactive for a revoked token', async () => {
    const tokens = await signInForTokens(provider, provider.clients.opaqueWeb, DEV_USERS.player);
    const revoked = await postForm(
      endpoint(provider, '/oauth/v2/revoke'),
      { token: tokens.access_token },
      basicAuth(provider.clients.opaqueWeb),
    );
    expect(revoked.status).toBe(200);

    expect(await introspect(provider, tokens.access_token)).toEqual({ active: false });
  });

  it('refuses a caller without client authentication', async () => {
    const response = await postForm(endpoint(provider, '/oauth/v2/introspect'), { token: 'anything' });

    expect(response.status).toBe(400);
    expect(await jsonOf(response)).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses to introspect a JWT access token (oidc-provider never does; verify it with the key set)', async () => {
    const tokens = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);
    const response = await postForm(
      endpoint(provider, '/oauth/v2/introspect'),
      { token: tokens.access_token },
      basicAuth(provider.clients.api),
    );

    expect(response.status).toBe(400);
    expect(await jsonOf(response)).toMatchObject({ error: 'unsupported_token_type' });
  });
});
