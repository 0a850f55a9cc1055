import type { AuthenticatedUser, AuthProvider } from './types.js';

export interface VerifiedTokenCacheOptions {
  /** The most tokens remembered at once; the oldest is forgotten first. */
  readonly maxEntries: number;
  /** The longest a verification is trusted, whatever the token's own expiry. */
  readonly maxAgeSeconds: number;
  readonly now?: () => Date;
}

interface Verified {
  readonly user: AuthenticatedUser;
  readonly validUntilMs: number;
}

/**
 * Remembers tokens that verified, never past their expiry nor longer than `maxAgeSeconds`, so a
 * player's stream of requests costs one signature check per hop instead of one per request (the
 * check was the largest single cost of the game loop at the gateway). Keyed by the whole token:
 * a token that differs in any byte is a miss and is verified in full. Refusals are never cached.
 */
export class CachingAuthProvider implements AuthProvider {
  readonly kind: AuthProvider['kind'];
  readonly #inner: AuthProvider;
  readonly #options: VerifiedTokenCacheOptions;
  readonly #verified = new Map<string, Verified>();

  constructor(inner: AuthProvider, options: VerifiedTokenCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError('the verified-token cache needs room for at least one token');
    }
    this.kind = inner.kind;
    this.#inner = inner;
    this.#options = options;
  }

  async verifyAccessToken(token: string): Promise<AuthenticatedUser> {
    const nowMs = this.#nowMs();
    const remembered = this.#verified.get(token);
    if (remembered !== undefined) {
      if (remembered.validUntilMs > nowMs) return remembered.user;
      this.#verified.delete(token);
    }
    const user = await this.#inner.verifyAccessToken(token);
    // The expiry the provider verified, not one read from the token: an opaque token has none to read.
    const validUntilMs = Math.min(user.expiresAt.getTime(), nowMs + this.#options.maxAgeSeconds * 1000);
    if (validUntilMs > nowMs) this.#remember(token, { user, validUntilMs });
    return user;
  }

  #remember(token: string, verified: Verified): void {
    if (this.#verified.size >= this.#options.maxEntries) {
      const oldest = this.#verified.keys().next();
      if (oldest.done !== true) this.#verified.delete(oldest.value);
    }
    this.#verified.set(token, verified);
  }

  #nowMs(): number {
    return (this.#options.now?.() ?? new Date()).getTime();
  }
}
