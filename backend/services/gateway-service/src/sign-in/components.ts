import type { ServiceTokenSource } from '@know-foolery/shared/auth';
import type { ServiceClient } from '@know-foolery/shared/http-client';
import { type Clock, systemClock } from '@know-foolery/shared/utils';
import { httpIdentityProfiles, type IdentityProfiles } from '../clients/identity-profiles.js';
import { httpSessionSignIns, type SessionSignIns } from '../clients/session-sign-ins.js';
import type { GatewayConfig } from '../config.js';
import { PendingSignInCookie } from './pending-cookie.js';
import { PendingSignInSealer } from './pending-sign-in.js';
import { OidcRelyingParty } from './relying-party.js';

/** Everything the sign-in routes and the step-up check work with (AUTH_PROVIDER=oidc only). */
export interface SignInComponents {
  readonly relyingParty: OidcRelyingParty;
  readonly sessions: SessionSignIns;
  /** user-service, refreshed at each sign-in with what the identity provider says of the person. */
  readonly profiles: IdentityProfiles;
  readonly sealer: PendingSignInSealer;
  readonly pendingCookie: PendingSignInCookie;
  /** Where the sign-in comes back to: the redirect URI, whose origin holds the pending sign-in cookie. */
  readonly callbackUrl: URL;
  /** Machine users that may hold admin without a second factor (ZITADEL_MACHINE_ADMINS). */
  readonly machineAdmins: readonly string[];
  readonly clock: Clock;
}

/** The gateway's clients of the services a sign-in calls. */
export interface SignInClients {
  readonly session: ServiceClient;
  readonly user: ServiceClient;
}

/**
 * The sign-in components the configuration asks for: none with the mock provider. `identity` is
 * the gateway's own service identity, which session-service's and user-service's routes require.
 */
export function signInComponents(
  config: Pick<GatewayConfig, 'auth' | 'signIn' | 'server'>,
  identity: ServiceTokenSource,
  clients: SignInClients,
): SignInComponents | null {
  const { auth, signIn } = config;
  if (auth.provider !== 'oidc' || signIn === null) return null;
  return {
    relyingParty: new OidcRelyingParty({
      issuer: auth.oidc.issuer,
      clientId: signIn.clientId,
      clientSecret: signIn.secrets.clientSecret,
      redirectUri: signIn.redirectUri,
      postLogoutRedirectUri: signIn.postLogoutRedirectUri,
      scopes: signIn.scopes,
      timeoutMs: auth.oidc.httpTimeoutMs,
      clockToleranceSeconds: auth.clockToleranceSeconds,
      // The auth section refuses an http issuer in production already; this says why it may be http.
      allowHttp: new URL(auth.oidc.issuer).protocol === 'http:' && config.server.nodeEnv !== 'production',
    }),
    sessions: httpSessionSignIns(clients.session, identity),
    profiles: httpIdentityProfiles(clients.user, identity),
    sealer: new PendingSignInSealer(signIn.secrets.stateKey),
    pendingCookie: new PendingSignInCookie(signIn.redirectUri),
    callbackUrl: new URL(signIn.redirectUri),
    machineAdmins: auth.oidc.machineAdmins,
    clock: systemClock,
  };
}
