import type { AuthProviderKind } from '../config/index.js';

export const ROLES = ['player', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling, as proven by a verified token. */
export interface AuthenticatedUser {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly name: string | null;
  /** When the token was issued (`iat`): a revocation mark refuses tokens issued before it. */
  readonly issuedAt: Date;
  /** When the token expires (`exp`). */
  readonly expiresAt: Date;
}

/** Thrown for any token that must not be trusted; `description` is safe to show the caller. */
export class InvalidTokenError extends Error {
  readonly description: string;

  constructor(description: string, options?: { cause?: unknown }) {
    super(`invalid token: ${description}`, options);
    this.name = 'InvalidTokenError';
    this.description = description;
  }
}

/**
 * The identity provider could not be asked about a token (down, too slow, or answering what no
 * provider may answer): the caller is not at fault, so this is no refusal of the token.
 */
export class IdentityProviderUnavailableError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the identity provider is unavailable: ${reason}`, options);
    this.name = 'IdentityProviderUnavailableError';
  }
}

/**
 * Verifies access tokens. The mock provider signs its own; the OIDC provider verifies Zitadel's
 * (JWKS, introspection, roles from claims) behind this same interface, so no route changes.
 */
export interface AuthProvider {
  readonly kind: AuthProviderKind;
  /**
   * Resolves the caller, or rejects with `InvalidTokenError` (401) or, when the identity provider
   * cannot be asked, `IdentityProviderUnavailableError` (503).
   */
  verifyAccessToken(token: string): Promise<AuthenticatedUser>;
}

export interface TokenRequest {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly name?: string | undefined;
  readonly ttlSeconds?: number | undefined;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresAt: Date;
}

export interface TokenIssuer {
  issueToken(request: TokenRequest): Promise<IssuedToken>;
}

/** The identity a service uses for calls it makes on its own behalf, never a user's. */
export interface ServiceTokenSource {
  token(): Promise<string>;
}
