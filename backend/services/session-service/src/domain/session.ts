import { randomBytes } from 'node:crypto';

/** One signed-in device or client of a player. */
export interface Session {
  readonly id: string;
  readonly userId: string;
  /** The device label the player gave, if any. */
  readonly client: string | null;
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

/** 32 random bytes, base64url: 43 characters nobody can guess. */
export const SESSION_ID_PATTERN = '^[A-Za-z0-9_-]{43}$';

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** A sliding expiry that never passes the absolute end of the session's life. */
function expiryAfterActivity(createdAt: Date, activityAt: Date, policy: SessionPolicy): Date {
  const idleEnd = activityAt.getTime() + policy.ttlSeconds * 1000;
  const lifeEnd = createdAt.getTime() + policy.maxLifetimeSeconds * 1000;
  return new Date(Math.min(idleEnd, lifeEnd));
}

export function openSession(
  id: string,
  userId: string,
  client: string | null,
  now: Date,
  policy: SessionPolicy,
): Session {
  return {
    id,
    userId,
    client,
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
