import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevIdentityProvider, ROLES_CLAIM, startDevIdentityProvider } from '../src/index.js';
import { basicAuth, postForm } from './sign-in.js';
import { clientCredentialsToken, endpoint, jsonOf, verifyWithPublishedKeys } from './token-requests.js';

describe('client credentials (service to service)', () => {
  let provider: DevIdentityProvider;
  beforeAll(async () => {
    provider = await startDevIdentityProvider();
  });
  afterAll(() => provider.stop());

  it('gives the machine client a signed JWT access token for the project', async () => {
    const tokens = await clientCredentialsToken(provider, provider.clients.machine);
    const claims = await verifyWithPublishedKeys(provider, tokens.access_token);

    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({
      alg: 'RS256',
      kid: expect.any(String),
    });
    expect(claims).toMatchObject({
      sub: provider.clients.machine.clientId,
      client_id: provider.clients.machine.clientId,
      aud: [provider.projectId, provider.clients.machine.clientId],
      iss: provider.issuer,
    });
    expect(claims).not.toHaveProperty(ROLES_CLAIM);
    expect(tokens.id_token).toBeUndefined();
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('refuses the grant to a client not registered for it, and a wrong secret', async () => {
    const webClient = await postForm(
      endpoint(provider, '/oauth/v2/token'),
      { grant_type: 'client_credentials' },
      basicAuth(provider.clients.web),
    );
    expect(webClient.status).toBe(400);
    expect(await jsonOf(webClient)).toMatchObject({
      error: 'invalid_request',
      error_description: 'requested grant type is not allowed for this client',
    });

    const wrongSecret = await postForm(
      endpoint(provider, '/oauth/v2/token'),
      { grant_type: 'client_credentials' },
      basicAuth({ clientId: provider.clients.machine.clientId, clientSecret: 'not-the-secret' }),
    );
    expect(wrongSecret.status).toBe(401);
    expect(await jsonOf(wrongSecret)).toMatchObject({ error: 'invalid_client' });
  });
});
