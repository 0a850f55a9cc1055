/**
 * Tells the identity provider a refresh token is no longer wanted (RFC 7009), when a session ends,
 * so a copy of it taken from anywhere is worth nothing.
 */
export interface TokenRevoker {
  /** Rejects when the provider could not be told; callers treat revocation as best effort. */
  revokeRefreshToken(refreshToken: string): Promise<void>;
}

/** Mock auth: no provider holds refresh tokens (mock sessions have none), so there is nothing to tell. */
export const NO_PROVIDER_REVOCATION: TokenRevoker = {
  revokeRefreshToken: async () => undefined,
};
