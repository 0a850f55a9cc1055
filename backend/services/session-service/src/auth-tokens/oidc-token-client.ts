import { IdentityProviderUnavailableError } from '@know-foolery/shared/auth';
import * as oidc from 'openid-client';
import type { TokenRevoker } from './token-revoker.js';

export interface OidcTokenClientOptions {
  /** Exactly as the provider names itself (ZITADEL_ISSUER). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Bounds each call to the provider (discovery, token, revocation). */
  readonly timeoutMs: number;
  /** Plain http to the provider: allowed for the local stand-in only, never in production. */
  readonly allowInsecureRequests: boolean;
}

/** Tokens the provider issued for a refresh token. */
export interface RefreshedTokens {
  readonly accessToken: string;
  /** Absent when the provider kept the refresh token as it was (no rotation). */
  readonly refreshToken: string | undefined;
  readonly idToken: string | undefined;
}

/** The refresh token grant's answer: new tokens, or why the provider refused them (RFC 6749 section 5.2). */
export type RefreshOutcome =
  | { readonly kind: 'refreshed'; readonly tokens: RefreshedTokens }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * The platform's web client at the identity provider (openid-client), for what session-service
 * asks of it: the refresh token grant and revocation (client_secret_basic). The provider's
 * metadata is discovered on first need and kept once it was read; a failed discovery is tried
 * again by the next call, so session-service starts while the provider is down.
 */
export class OidcTokenClient implements TokenRevoker {
  readonly #options: OidcTokenClientOptions;
  #configuration: oidc.Configuration | undefined;
  #pending: Promise<oidc.Configuration> | undefined;

  constructor(options: OidcTokenClientOptions) {
    this.#options = options;
  }

  async refresh(refreshToken: string): Promise<RefreshOutcome> {
    const configuration = await this.#configured();
    let response: oidc.TokenEndpointResponse;
    try {
      response = await oidc.refreshTokenGrant(configuration, refreshToken);
    } catch (error) {
      // invalid_grant: the refresh token was revoked, used already, expired, or its user deactivated.
      if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant') {
        return { kind: 'refused', reason: `the token endpoint answered invalid_grant (${error.status})` };
      }
      throw unavailable('the token endpoint', error);
    }
    return {
      kind: 'refreshed',
      tokens: {
        accessToken: response.access_token,
        refreshToken: response.refresh_token,
        idToken: response.id_token,
      },
    };
  }

  async revokeRefreshToken(refreshToken: string): Promise<void> {
    const configuration = await this.#configured();
    try {
      await oidc.tokenRevocation(configuration, refreshToken, { token_type_hint: 'refresh_token' });
    } catch (error) {
      throw unavailable('the revocation endpoint', error);
    }
  }

  async #configured(): Promise<oidc.Configuration> {
    if (this.#configuration !== undefined) return this.#configuration;
    this.#pending ??= this.#discover().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret, timeoutMs, allowInsecureRequests } = this.#options;
    try {
      this.#configuration = await oidc.discovery(
        new URL(issuer),
        clientId,
        undefined,
        oidc.ClientSecretBasic(clientSecret),
        {
          timeout: timeoutMs / 1000,
          ...(allowInsecureRequests ? { execute: [oidc.allowInsecureRequests] } : {}),
        },
      );
    } catch (error) {
      throw unavailable('the discovery document', error);
    }
    return this.#configuration;
  }
}

/**
 * Anything but a refusal is the provider's unavailability: no answer in time, a server error, an
 * answer no provider may give, or a refusal of the client itself (its secret), which no user fixes.
 */
function unavailable(what: string, cause: unknown): IdentityProviderUnavailableError {
  const detail =
    cause instanceof oidc.ResponseBodyError
      ? `answered ${cause.error} (${cause.status})`
      : 'could not be reached or answered in an unexpected way';
  return new IdentityProviderUnavailableError(`${what} ${detail}`, { cause });
}
