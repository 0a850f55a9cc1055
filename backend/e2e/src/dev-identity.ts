import { randomBytes } from 'node:crypto';
import { type DevIdentityProvider, startDevIdentityProvider } from '@know-foolery/dev-identity';
import { devSignInEnv, devVerifierEnv } from '@know-foolery/dev-identity/seed';
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
 * at it, as `npm start` sets them.
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
  return {
    provider,
    env: {
      ...devVerifierEnv(provider.issuer),
      ...devSignInEnv({
        redirectUri: `${gatewayOrigin}${CALLBACK_PATH}`,
        postLogoutRedirectUri: `${gatewayOrigin}/`,
        stateKey: randomBytes(32).toString('base64url'),
      }),
    },
  };
}
