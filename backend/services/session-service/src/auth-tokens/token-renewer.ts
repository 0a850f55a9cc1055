import type { Session, SessionCredentials } from '../domain/session.js';

/** Renew the session's access token once it has less than this left, so no request carries one about to expire. */
export const RENEW_BEFORE_EXPIRY_MS = 60_000;

/**
 * Gets a session fresh credentials when its access token is about to expire. With mock auth the
 * local issuer mints a new token; Phase 1C replaces it with the provider's refresh-token grant.
 */
export interface TokenRenewer {
  /** The new credentials, or undefined when they cannot be renewed (the session must end). */
  renew(session: Session): Promise<SessionCredentials | undefined>;
}

export function needsRenewal(session: Session, now: Date): boolean {
  return session.credentials.accessTokenExpiresAt.getTime() - now.getTime() < RENEW_BEFORE_EXPIRY_MS;
}
