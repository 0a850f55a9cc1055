import { DEV_CLIENTS } from '@know-foolery/dev-identity';
import * as oidc from 'openid-client';

async function webClient(issuer: string): Promise<oidc.Configuration> {
  return oidc.discovery(
    new URL(issuer),
    DEV_CLIENTS.web.clientId,
    undefined,
    oidc.ClientSecretBasic(DEV_CLIENTS.web.clientSecret),
    { execute: [oidc.allowInsecureRequests] },
  );
}

/**
 * What the issuer says to a refresh token now: 'refreshed', or the OAuth error it refused it with.
 * Using a live refresh token rotates it away: tests ask only about tokens that should be dead.
 */
export async function refreshAtIssuer(issuer: string, refreshToken: string): Promise<string> {
  try {
    await oidc.refreshTokenGrant(await webClient(issuer), refreshToken);
    return 'refreshed';
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError) return error.error;
    throw error;
  }
}

/** Revokes a refresh token at the issuer, as a person removing the app's access would. */
export async function revokeAtIssuer(issuer: string, refreshToken: string): Promise<void> {
  await oidc.tokenRevocation(await webClient(issuer), refreshToken, { token_type_hint: 'refresh_token' });
}

/** Calls the issuer's user API (Zitadel's v2 user service) with a machine token. */
export async function userApi(issuer: string, bearer: string, path: string): Promise<number> {
  const response = await fetch(new URL(path, issuer), {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: '{}',
  });
  await response.body?.cancel();
  return response.status;
}
