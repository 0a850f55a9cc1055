import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { DevIdentityProvider } from '../src/index.js';
import { basicAuth, type ClientCredentials, postForm, type TokenSet, tokenSetOf } from './sign-in.js';

export function endpoint(provider: DevIdentityProvider, path: string): string {
  return new URL(path, provider.url).href;
}

export async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(body)}`);
  }
  return Object.fromEntries(Object.entries(body));
}

export async function clientCredentialsToken(
  provider: DevIdentityProvider,
  client: ClientCredentials,
): Promise<TokenSet> {
  const response = await postForm(
    endpoint(provider, '/oauth/v2/token'),
    { grant_type: 'client_credentials', scope: 'openid' },
    basicAuth(client),
  );
  const body: unknown = await response.json();
  if (response.status !== 200)
    throw new Error(`client credentials failed ${response.status}: ${JSON.stringify(body)}`);
  return tokenSetOf(body);
}

export function refresh(
  provider: DevIdentityProvider,
  client: ClientCredentials,
  refreshToken: string,
): Promise<Response> {
  return postForm(
    endpoint(provider, '/oauth/v2/token'),
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    basicAuth(client),
  );
}

export async function introspect(
  provider: DevIdentityProvider,
  token: string,
  client: ClientCredentials = provider.clients.api,
): Promise<Record<string, unknown>> {
  const response = await postForm(endpoint(provider, '/oauth/v2/introspect'), { token }, basicAuth(client));
  if (response.status !== 200)
    throw new Error(`introspection failed ${response.status}: ${await response.text()}`);
  return jsonOf(response);
}

export async function publishedKeyIds(provider: DevIdentityProvider): Promise<string[]> {
  const body = await jsonOf(await fetch(endpoint(provider, '/oauth/v2/keys')));
  const keys = Array.isArray(body.keys) ? body.keys : [];
  return keys.flatMap((key: unknown) =>
    typeof key === 'object' && key !== null && 'kid' in key && typeof key.kid === 'string' ? [key.kid] : [],
  );
}

/** Verifies a token as a resource server would: against the provider's published key set, fetched afresh. */
export async function verifyWithPublishedKeys(
  provider: DevIdentityProvider,
  token: string,
): Promise<JWTPayload> {
  const keySet = createRemoteJWKSet(new URL(endpoint(provider, '/oauth/v2/keys')));
  const { payload } = await jwtVerify(token, keySet, { issuer: provider.issuer });
  return payload;
}
