import * as oidc from 'openid-client';
import { type IdentityClaims, identityClaimsOf } from './identity-claims.js';
import {
  codeExchangeFailure,
  issuerUnavailable,
  markingUnreachable,
  signInResponseInvalid,
} from './issuer-failures.js';
import { PENDING_SIGN_IN_SECONDS, type PendingSignIn } from './pending-sign-in.js';

export interface RelyingPartyOptions {
  /** ZITADEL_ISSUER, exactly as the issuer names itself. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly scopes: readonly string[];
  /** Timeout of one call to the issuer. */
  readonly timeoutMs: number;
  /** Clock skew allowed on the ID token's times. */
  readonly clockToleranceSeconds: number;
  /** Plain http to the issuer: the local stand-in, never in production. */
  readonly allowHttp: boolean;
}

/** The tokens of a finished sign-in, with what the ID token says of how the person signed in. */
export interface CompletedSignIn {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string | null;
  readonly idToken: string;
  /** The ID token's `auth_time` (its `iat` when the issuer leaves `auth_time` out). */
  readonly authenticatedAt: Date;
  /** The ID token's `amr`: `pwd`, and `otp`, `mfa` after a second factor. */
  readonly authMethods: readonly string[];
  /** The ID token's `sub`: who signed in. */
  readonly subject: string;
  /** What the ID token says of the person (nothing, unless the issuer puts the profile claims in it). */
  readonly identity: IdentityClaims;
}

export interface StartedSignIn {
  /** The issuer's authorization endpoint with this sign-in's parameters: where the browser goes. */
  readonly url: string;
  readonly pending: PendingSignIn;
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * The gateway as an OpenID Connect client (openid-client): the authorization code flow with PKCE
 * (S256), state and nonce, a confidential client authenticating with client_secret_basic as Zitadel's
 * web applications do. The issuer's metadata is discovered on first use and kept; a discovery that
 * fails (the issuer down) is tried again by the next request, so the gateway starts and serves
 * everything else while the issuer is away.
 */
export class OidcRelyingParty {
  readonly #options: RelyingPartyOptions;
  #discovered: Promise<oidc.Configuration> | undefined;

  constructor(options: RelyingPartyOptions) {
    this.#options = options;
  }

  /** The issuer's configuration, discovered once; rejects with 503 while the issuer cannot be reached. */
  configuration(): Promise<oidc.Configuration> {
    this.#discovered ??= this.#discover().catch((error: unknown) => {
      this.#discovered = undefined;
      throw issuerUnavailable(error);
    });
    return this.#discovered;
  }

  /**
   * A new sign-in: fresh PKCE verifier, state and nonce, and the authorization URL that carries them.
   * A step-up asks the issuer to authenticate the person again (`prompt=login`); Zitadel takes no
   * `acr_values` for a second factor, so what the sign-in proved is read from the ID token's `amr`
   * afterwards, and admin routes check that, not what was asked for.
   */
  async startSignIn(returnTo: string, stepUp: boolean, now: Date): Promise<StartedSignIn> {
    const configuration = await this.configuration();
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo,
      expiresAt: now.getTime() + PENDING_SIGN_IN_SECONDS * 1000,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.#options.redirectUri,
      scope: this.#options.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      ...(stepUp ? { prompt: 'login' } : {}),
    });
    return { url: url.href, pending };
  }

  /**
   * Exchanges the callback's code (with the PKCE verifier) and checks the answer: the state, and
   * the ID token's issuer, audience, times and nonce. The callback URL is rebuilt from the
   * configured redirect URI, which the token request must repeat exactly, whatever Host the
   * request came in with.
   */
  async completeSignIn(query: string, pending: PendingSignIn, now: Date): Promise<CompletedSignIn> {
    const configuration = await this.configuration();
    const callback = new URL(this.#options.redirectUri);
    callback.search = query;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw codeExchangeFailure(error);
    }
    const claims = tokens.claims();
    // As sent: counted from `now`, the start of the exchange, it errs on the early side.
    const expiresIn = tokens.expires_in;
    if (claims === undefined || tokens.id_token === undefined || expiresIn === undefined) {
      throw signInResponseInvalid(new Error('the token response lacks an ID token or expires_in'));
    }
    const authMethods = claims.amr ?? [];
    if (!isStringList(authMethods)) throw signInResponseInvalid(new Error('amr is not a list of strings'));
    const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : claims.iat;
    return {
      accessToken: tokens.access_token,
      accessTokenExpiresAt: new Date(now.getTime() + expiresIn * 1000),
      refreshToken: tokens.refresh_token ?? null,
      idToken: tokens.id_token,
      authenticatedAt: new Date(authTime * 1000),
      authMethods,
      subject: claims.sub,
      identity: identityClaimsOf(claims),
    };
  }

  /**
   * What the issuer's userinfo endpoint says of the person the access token was issued to, who
   * must be `subject`; null when the issuer has no such endpoint. Rejects when the issuer cannot
   * be reached or answers anything else than that person's claims.
   */
  async userInfo(accessToken: string, subject: string): Promise<IdentityClaims | null> {
    const configuration = await this.configuration();
    if (configuration.serverMetadata().userinfo_endpoint === undefined) return null;
    return identityClaimsOf(await oidc.fetchUserInfo(configuration, accessToken, subject));
  }

  /**
   * The issuer's end-session URL (RP-initiated logout) with the ID token as hint and the configured
   * post-logout redirect; null when the issuer cannot be reached to learn it, or has none.
   */
  async endSessionUrl(idToken: string | null): Promise<string | null> {
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configuration();
    } catch {
      return null;
    }
    if (configuration.serverMetadata().end_session_endpoint === undefined) return null;
    return oidc.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: this.#options.postLogoutRedirectUri,
      ...(idToken === null ? {} : { id_token_hint: idToken }),
    }).href;
  }

  #discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret, timeoutMs, clockToleranceSeconds, allowHttp } = this.#options;
    return oidc.discovery(
      new URL(issuer),
      clientId,
      { client_secret: clientSecret, [oidc.clockTolerance]: clockToleranceSeconds },
      oidc.ClientSecretBasic(clientSecret),
      {
        [oidc.customFetch]: markingUnreachable(timeoutMs),
        timeout: timeoutMs / 1000,
        execute: allowHttp ? [oidc.allowInsecureRequests] : [],
      },
    );
  }
}
