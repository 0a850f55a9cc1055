import type { OidcSettings } from '../../config/index.js';
import { type AuthenticatedUser, type AuthProvider, InvalidTokenError } from '../types.js';
import { accessTokenUser } from './access-token-user.js';
import { IssuerDiscovery } from './discovery.js';
import { checkIntrospectedClaims, type IntrospectedClaimRules } from './introspected-claims.js';
import { TokenIntrospection } from './introspection.js';
import type { Claims } from './json-claims.js';
import { JwtAccessTokens, looksLikeJwt } from './jwt-access-tokens.js';
import type { RolePolicy } from './zitadel-roles.js';

/** jose's own default: after a key-set fetch, an unknown key id waits this long before fetching again. */
const DEFAULT_JWKS_COOLDOWN_MS = 30_000;

export interface OidcAuthOptions extends Omit<OidcSettings, 'tokenCacheSeconds'> {
  readonly clockToleranceSeconds: number;
  /** The longest lifetime (`exp` - `iat`) a token may have. */
  readonly maxTokenLifetimeSeconds: number;
  /** How soon after one key-set fetch a token naming an unknown key may cause another. */
  readonly jwksCooldownMs?: number;
  readonly now?: () => Date;
}

/**
 * Verifies access tokens issued by an OpenID Connect provider (Zitadel): JWTs against the key set
 * its discovery document names, opaque tokens by introspection. Nothing is fetched until the first
 * token arrives, so a service starts while the issuer is still coming up.
 */
export class OidcAuthProvider implements AuthProvider {
  readonly kind = 'oidc' as const;
  readonly #jwts: JwtAccessTokens;
  readonly #introspection: TokenIntrospection | null;
  readonly #claimRules: IntrospectedClaimRules;
  readonly #policy: RolePolicy;
  readonly #maxTokenLifetimeSeconds: number;

  constructor(options: OidcAuthOptions) {
    const now = options.now ?? (() => new Date());
    const discovery = new IssuerDiscovery(options.issuer, options.httpTimeoutMs);
    this.#claimRules = {
      issuer: options.issuer,
      audience: options.audience,
      clockToleranceSeconds: options.clockToleranceSeconds,
      maxTokenLifetimeSeconds: options.maxTokenLifetimeSeconds,
      now,
    };
    this.#jwts = new JwtAccessTokens(discovery, {
      ...this.#claimRules,
      httpTimeoutMs: options.httpTimeoutMs,
      jwksCooldownMs: options.jwksCooldownMs ?? DEFAULT_JWKS_COOLDOWN_MS,
    });
    this.#introspection =
      options.introspection === null
        ? null
        : new TokenIntrospection(discovery, options.introspection, options.httpTimeoutMs);
    this.#policy = {
      projectId: options.projectId,
      roleMap: options.roleMap,
      userClientIds: options.userClientIds,
      machineAdmins: options.machineAdmins,
      serviceUsers: options.serviceUsers,
    };
    this.#maxTokenLifetimeSeconds = options.maxTokenLifetimeSeconds;
  }

  async verifyAccessToken(token: string): Promise<AuthenticatedUser> {
    const claims = looksLikeJwt(token) ? await this.#jwts.verify(token) : await this.#introspected(token);
    return accessTokenUser(claims, this.#policy, this.#maxTokenLifetimeSeconds);
  }

  async #introspected(token: string): Promise<Claims> {
    if (this.#introspection === null) {
      throw new InvalidTokenError('only JWT access tokens are accepted here');
    }
    const claims = await this.#introspection.introspect(token);
    checkIntrospectedClaims(claims, this.#claimRules);
    return claims;
  }
}
