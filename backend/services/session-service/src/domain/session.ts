import { randomBytes } from 'node:crypto';
import type { Role } from '@know-foolery/shared/auth';

/** The tokens a session signs its requests with. */
export interface SessionCredentials {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  /** Phase 1C: the provider's refresh and ID tokens; null with mock auth. */
  readonly refreshToken: string | null;
  readonly idToken: string | null;
}

/** One signed-in device or client of a player. */
export interface Session {
  /** The secret: 32 random bytes base64url. Only ever inside the signed cookie; never in a response, a log or Redis. */
  readonly id: string;
  /** Keyed hash (HMAC-SHA256, lookup key) of `id`, base64url, 43 chars: the store key and the public id in the API. */
  readonly handle: string;
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly name: string | null;
  /** The device label the player gave, if any. */
  readonly client: string | null;
  /** Sent back by the browser in the X-CSRF-Token header on state-changing requests. 32 random bytes base64url. */
  readonly csrfToken: string;
  /** When and how the player proved who they are (1C fills amr from the ID token; mock: ['mock']). */
  readonly authenticatedAt: Date;
  readonly authMethods: readonly string[];
  readonly credentials: SessionCredentials;
  /**
   * A new random value whenever the credentials change or a renewal is claimed. A write names the
   * version it read and the store refuses it once another write moved it (compare-and-set), so a
   * stale write never puts back a refresh token the issuer has already rotated away.
   */
  readonly credentialsVersion: string;
  /** Until when one resolve holds the renewal of the credentials; others serve the current token meanwhile. */
  readonly renewalClaimedUntil: Date | null;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

export interface SessionPolicy {
  /** Idle time after which a session expires; every touch restarts it. */
  readonly ttlSeconds: number;
  /** A session ends this long after it was created, however often it is touched. */
  readonly maxLifetimeSeconds: number;
  /** Active sessions one player may hold; opening one more ends the oldest. */
  readonly maxPerUser: number;
}

/** 32 random bytes (a session id, a CSRF token) or a SHA-256 (a handle), base64url: 43 characters. */
export const SESSION_ID_PATTERN = '^[A-Za-z0-9_-]{43}$';

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** 16 random bytes base64url: unique per write, secret to no one. */
export function newCredentialsVersion(): string {
  return randomBytes(16).toString('base64url');
}

/** Who a session belongs to, as the token it was opened with says. */
export interface SessionIdentity {
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly name: string | null;
}

/** How the player proved who they are. */
export interface SessionAuthentication {
  readonly authenticatedAt: Date;
  readonly authMethods: readonly string[];
}

export interface OpenSessionInput {
  readonly id: string;
  readonly handle: string;
  readonly identity: SessionIdentity;
  readonly client: string | null;
  readonly csrfToken: string;
  readonly authentication: SessionAuthentication;
  readonly credentials: SessionCredentials;
  readonly now: Date;
  readonly policy: SessionPolicy;
}

/** A sliding expiry that never passes the absolute end of the session's life. */
function expiryAfterActivity(createdAt: Date, activityAt: Date, policy: SessionPolicy): Date {
  const idleEnd = activityAt.getTime() + policy.ttlSeconds * 1000;
  const lifeEnd = createdAt.getTime() + policy.maxLifetimeSeconds * 1000;
  return new Date(Math.min(idleEnd, lifeEnd));
}

export function openSession(input: OpenSessionInput): Session {
  const { now, policy } = input;
  return {
    id: input.id,
    handle: input.handle,
    userId: input.identity.userId,
    roles: input.identity.roles,
    name: input.identity.name,
    client: input.client,
    csrfToken: input.csrfToken,
    authenticatedAt: input.authentication.authenticatedAt,
    authMethods: input.authentication.authMethods,
    credentials: input.credentials,
    credentialsVersion: newCredentialsVersion(),
    renewalClaimedUntil: null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: expiryAfterActivity(now, now, policy),
  };
}

export function touchSession(session: Session, now: Date, policy: SessionPolicy): Session {
  return { ...session, lastSeenAt: now, expiresAt: expiryAfterActivity(session.createdAt, now, policy) };
}

export function isActive(session: Session, now: Date): boolean {
  return now.getTime() < session.expiresAt.getTime();
}
