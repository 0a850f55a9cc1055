import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
  type RemoteJWKSet,
} from 'jose';
import { describeJoseError } from '../mock-provider.js';
import { IdentityProviderUnavailableError, InvalidTokenError } from '../types.js';
import type { IssuerDiscovery } from './discovery.js';

/**
 * Signatures an identity provider makes with a key pair. Never HS* (the "secret" would be the
 * published public key) and never `none`: a token naming either is refused before any key is fetched.
 */
const ALGORITHMS = ['RS256', 'PS256', 'ES256'];
const REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'iat', 'exp'];

export interface JwtAccessTokenOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
  readonly maxTokenLifetimeSeconds: number;
  readonly httpTimeoutMs: number;
  /** How long after one key-set fetch a token naming an unknown key may cause another (jose's cooldown). */
  readonly jwksCooldownMs: number;
  readonly now: () => Date;
}

/** A compact JWS: three base64url parts, the last empty for an unsigned token (refused, but a JWT). */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/**
 * JWT access tokens, checked against the key set the discovery document names. jose keeps the keys
 * (ten minutes) and fetches again for a key id it does not know, at most once per cooldown, so a
 * rotation at the issuer is picked up at once and a stream of forged key ids cannot hammer it; while
 * the issuer is briefly down, the keys it already gave keep verifying.
 */
export class JwtAccessTokens {
  readonly #discovery: IssuerDiscovery;
  readonly #options: JwtAccessTokenOptions;
  readonly #resolveKey: JWTVerifyGetKey;
  #keySet: RemoteJWKSet | undefined;

  constructor(discovery: IssuerDiscovery, options: JwtAccessTokenOptions) {
    this.#discovery = discovery;
    this.#options = options;
    // Called by jose only once the header passed its checks: a forged `alg` never reaches the issuer.
    this.#resolveKey = async (header, token) => {
      const keySet = await this.#remoteKeySet();
      try {
        return await keySet(header, token);
      } catch (error) {
        if (error instanceof joseErrors.JWKSNoMatchingKey) throw error;
        if (error instanceof joseErrors.JWKSMultipleMatchingKeys) throw error;
        throw new IdentityProviderUnavailableError('its key set could not be fetched or read', {
          cause: error,
        });
      }
    };
  }

  async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.#resolveKey, {
        algorithms: ALGORITHMS,
        issuer: this.#options.issuer,
        audience: this.#options.audience,
        clockTolerance: this.#options.clockToleranceSeconds,
        requiredClaims: REQUIRED_CLAIMS,
        maxTokenAge: this.#options.maxTokenLifetimeSeconds,
        currentDate: this.#options.now(),
      });
      return payload;
    } catch (error) {
      if (error instanceof IdentityProviderUnavailableError) throw error;
      throw new InvalidTokenError(describeFailure(error), { cause: error });
    }
  }

  async #remoteKeySet(): Promise<RemoteJWKSet> {
    if (this.#keySet !== undefined) return this.#keySet;
    const { jwksUri } = await this.#discovery.metadata();
    this.#keySet ??= createRemoteJWKSet(jwksUri, {
      timeoutDuration: this.#options.httpTimeoutMs,
      cooldownDuration: this.#options.jwksCooldownMs,
    });
    return this.#keySet;
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return 'the token was signed with a key the issuer does not publish';
  if (error instanceof joseErrors.JWKSMultipleMatchingKeys) return 'the token does not name its signing key';
  return describeJoseError(error);
}
