import { randomBytes } from 'node:crypto';
import { type DevIdentityProvider, startDevIdentityProvider } from '@know-foolery/dev-identity';
import type { EnvSource } from '@know-foolery/shared/config';

/** The development identity provider's lifetimes for a run; its defaults otherwise (an hour, 30 days). */
export interface DevIdentitySettings {
  readonly accessTokenTtlSeconds?: number;
  readonly refreshTokenTtlSeconds?: number;
}

/** The gateway's callback and landing page, as the gateway serves them. */
const CALLBACK_PATH = '/api/v1/auth/callback';

export interface PlatformIdentity {
  readonly provider: DevIdentityProvider;
  /** What every service reads to sign people in with it, as `npm start` sets it up. */
  readonly env: EnvSource;
}

/**
 * The development identity provider in this process on a free port, registering the gateway at
 * `gatewayOrigin` as its web client's redirect target, and the variables that point the services
 * at it: AUTH_PROVIDER=oidc, the project, the sign-in clients, the machine user the services call
 * each other as (its `sub` is the machine client's id), introspection, and the gateway's client.
 */
export async function startPlatformIdentity(
  settings: DevIdentitySettings,
  gatewayOrigin: string,
): Promise<PlatformIdentity> {
  const provider = await startDevIdentityProvider({
    port: 0,
    ...settings,
    redirectUris: [`${gatewayOrigin}${CALLBACK_PATH}`],
    postLogoutRedirectUris: [`${gatewayOrigin}/`],
  });
  const { web, opaqueWeb, machine, api } = provider.clients;
  return {
    provider,
    env: {
      AUTH_PROVIDER: 'oidc',
      ZITADEL_ISSUER: provider.issuer,
      ZITADEL_PROJECT_ID: provider.projectId,
      ZITADEL_USER_CLIENT_IDS: `${web.clientId},${opaqueWeb.clientId}`,
      ZITADEL_SERVICE_USERS: machine.clientId,
      ZITADEL_SERVICE_CLIENT_ID: machine.clientId,
      ZITADEL_SERVICE_CLIENT_SECRET: machine.clientSecret,
      ZITADEL_INTROSPECTION_CLIENT_ID: api.clientId,
      ZITADEL_INTROSPECTION_CLIENT_SECRET: api.clientSecret,
      OIDC_CLIENT_ID: web.clientId,
      OIDC_CLIENT_SECRET: web.clientSecret,
      OIDC_REDIRECT_URI: `${gatewayOrigin}${CALLBACK_PATH}`,
      OIDC_POST_LOGOUT_REDIRECT_URI: `${gatewayOrigin}/`,
      OIDC_STATE_KEY: randomBytes(32).toString('base64url'),
    },
  };
}
