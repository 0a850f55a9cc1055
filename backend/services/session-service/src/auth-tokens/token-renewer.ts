import type { Session, SessionCredentials, SessionIdentity } from '../domain/session.js';

/** Renew the session's access token once it has less than this left, so no request carries one about to expire. */
export const RENEW_BEFORE_EXPIRY_MS = 60_000;

/**
 * What a renewal came to: new tokens, with who they say the player is now (roles and name may have
 * changed at the provider), or the provider's refusal, with why in words fit for a log.
 */
export type Renewal =
  | {
      readonly kind: 'renewed';
      readonly credentials: SessionCredentials;
      readonly identity: SessionIdentity;
    }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Gets a session fresh credentials when its access token is about to expire: with mock auth the
 * local issuer mints a new token; with OpenID Connect the provider's refresh-token grant does.
 */
export interface TokenRenewer {
  /** Whether the session holds what a renewal needs; one that does not ends when its access token expires. */
  canRenew(session: Session): boolean;
  /**
   * New credentials, or the provider's refusal (the session must end). Rejects with
   * IdentityProviderUnavailableError when the provider cannot be asked.
   */
  renew(session: Session): Promise<Renewal>;
}

export function needsRenewal(session: Session, now: Date): boolean {
  return session.credentials.accessTokenExpiresAt.getTime() - now.getTime() < RENEW_BEFORE_EXPIRY_MS;
}
