import { DEV_CLIENTS, totpCode } from '@know-foolery/dev-identity';
import { signIn, TestBrowser } from '@know-foolery/shared/testing';
import * as oidc from 'openid-client';

/** The web client's registered callback: the browser stops there, as the gateway's route would take over. */
const CALLBACK = 'http://localhost:3000/api/v1/auth/callback';
const SCOPE = 'openid profile email offline_access';

export interface Person {
  readonly username: string;
  readonly password: string;
  readonly totpSecret?: string | undefined;
}

/** What the gateway holds after a sign-in's callback, and hands session-service. */
export interface SignInTokens {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly idToken: string;
  readonly authenticatedAt: Date;
  readonly authMethods: readonly string[];
}

function stringList(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Signs `person` in at the issuer with the platform's web client, as the gateway does: authorization
 * code with PKCE, state and nonce, through the provider's login pages (a TOTP code when the person
 * has a secret). Answers the tokens and the ID token's amr and auth_time.
 */
export async function signInAtIssuer(issuer: string, person: Person): Promise<SignInTokens> {
  const config = await oidc.discovery(
    new URL(issuer),
    DEV_CLIENTS.web.clientId,
    undefined,
    oidc.ClientSecretBasic(DEV_CLIENTS.web.clientSecret),
    { execute: [oidc.allowInsecureRequests] },
  );
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const start = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const { totpSecret } = person;
  const atCallback = await signIn(new TestBrowser(), {
    start,
    user: person,
    totp: totpSecret === undefined ? undefined : () => totpCode(totpSecret),
    stopBefore: (url) => url.href.startsWith(CALLBACK),
  });
  const callback = new URL(atCallback.response.headers.get('location') ?? '', atCallback.url);
  if (!callback.href.startsWith(CALLBACK)) throw new Error(`the sign-in ended at ${atCallback.url.href}`);
  const tokens = await oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  const claims = tokens.claims();
  if (claims === undefined || tokens.refresh_token === undefined || tokens.id_token === undefined) {
    throw new Error('the sign-in gave no ID token or no refresh token');
  }
  return {
    accessToken: tokens.access_token,
    accessTokenExpiresAt: new Date(Date.now() + (tokens.expiresIn() ?? 0) * 1000),
    refreshToken: tokens.refresh_token,
    idToken: tokens.id_token,
    authenticatedAt: new Date(Number(claims.auth_time) * 1000),
    authMethods: stringList(claims.amr),
  };
}
