import type { Session } from '../domain/session.js';

/**
 * Where sessions live, keyed by handle (the keyed hash of the secret id). Implementations never
 * return a session past its `expiresAt`, and drop expired ones on their own. Memory serves one
 * process; Redis is shared by every replica.
 */
export interface SessionStore {
  /** Names the implementation in readiness reports. */
  readonly kind: string;
  /** Stores a new session and ends the owner's oldest others beyond maxPerUser, in one atomic step. Returns the ended handles. */
  add(session: Session, maxPerUser: number): Promise<readonly string[]>;
  /** The active session with this handle. Throws SessionTamperedError for a stored value that fails authentication. */
  find(handle: string): Promise<Session | undefined>;
  /** The user's active sessions, oldest first. */
  listByUser(userId: string): Promise<readonly Session[]>;
  /**
   * Overwrites an active session (same handle and user) whose credentials version is still
   * `expectedVersion`, the one the caller read (compare-and-set); false when it ended or another
   * write moved the version meanwhile.
   */
  replace(session: Session, expectedVersion: string): Promise<boolean>;
  /** Ends `previousHandle` and stores `next` (same user) in one atomic step; false when the previous one had ended. */
  rotate(previousHandle: string, next: Session): Promise<boolean>;
  /** False when there was no such active session. */
  remove(handle: string): Promise<boolean>;
  /** Ends all of a user's sessions; returns how many were active. */
  removeByUser(userId: string): Promise<number>;
  /** The cleanup routine: drops index entries of sessions that ended (expired keys). Returns how many. */
  pruneIndexes(): Promise<number>;
  /** Throws when the store cannot serve requests. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
