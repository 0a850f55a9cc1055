import type { ClientMetadata } from 'oidc-provider';
import { DEV_CLIENTS } from '../seed.js';

export interface RedirectSettings {
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
}

export const DEFAULT_REDIRECTS: RedirectSettings = {
  redirectUris: ['http://localhost:3000/api/v1/auth/callback', 'http://127.0.0.1:3000/api/v1/auth/callback'],
  postLogoutRedirectUris: ['http://localhost:3000/', 'http://127.0.0.1:3000/'],
};

/** A confidential client that signs people in (code flow, refresh tokens), as Zitadel's web application. */
export function signInClient(
  client: { clientId: string; clientSecret: string },
  redirects: RedirectSettings,
): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: [...redirects.redirectUris],
    post_logout_redirect_uris: [...redirects.postLogoutRedirectUris],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
    // Zitadel puts auth_time in every ID token.
    require_auth_time: true,
  };
}

/** A confidential client without sign-ins: a machine user (client credentials) or an API that introspects. */
export function backendClient(
  client: { clientId: string; clientSecret: string },
  grantTypes: string[],
): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: [],
    grant_types: grantTypes,
    response_types: [],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}

export function devClientMetadata(redirects: RedirectSettings): ClientMetadata[] {
  return [
    signInClient(DEV_CLIENTS.web, redirects),
    signInClient(DEV_CLIENTS.opaqueWeb, redirects),
    backendClient(DEV_CLIENTS.machine, ['client_credentials']),
    backendClient(DEV_CLIENTS.api, []),
  ];
}
