import {
  newCredentialsVersion,
  type Session,
  type SessionCredentials,
  type SessionIdentity,
} from './session.js';

/**
 * The rules of renewing a session's access token, as plain functions. Every change of the
 * credentials, and every claim on renewing them, takes a new credentials version: the store's
 * compare-and-set on that version is what lets exactly one writer win.
 */

export function accessTokenValid(session: Session, now: Date): boolean {
  return now.getTime() < session.credentials.accessTokenExpiresAt.getTime();
}

/** Whether some resolve (in this process or another) holds the renewal right now. */
export function renewalClaimed(session: Session, now: Date): boolean {
  return session.renewalClaimedUntil !== null && now.getTime() < session.renewalClaimedUntil.getTime();
}

/** The session with the renewal claimed by the writer of this version until `now + claimMs`. */
export function claimRenewal(session: Session, now: Date, claimMs: number): Session {
  return {
    ...session,
    credentialsVersion: newCredentialsVersion(),
    renewalClaimedUntil: new Date(now.getTime() + claimMs),
  };
}

/** The session with its claim given up, the credentials unchanged (the issuer could not be asked). */
export function releaseRenewal(session: Session): Session {
  return { ...session, credentialsVersion: newCredentialsVersion(), renewalClaimedUntil: null };
}

/**
 * The session with the issuer's new tokens, and who they say the player is now (roles and name
 * change at the identity provider; the subject never does).
 */
export function renewedSession(
  session: Session,
  credentials: SessionCredentials,
  identity: SessionIdentity,
): Session {
  return {
    ...session,
    roles: identity.roles,
    name: identity.name,
    credentials,
    credentialsVersion: newCredentialsVersion(),
    renewalClaimedUntil: null,
  };
}
