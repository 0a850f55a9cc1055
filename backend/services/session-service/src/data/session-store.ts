import type { Session } from '../domain/session.js';

/**
 * Where sessions live. Implementations never return a session past its `expiresAt`, and drop
 * expired ones on their own. The in-memory store serves one process; Phase 1B adds a Redis
 * implementation behind this same interface.
 */
export interface SessionStore {
  /** Names the implementation in readiness reports. */
  readonly kind: string;
  /**
   * Stores a new session, then ends the owner's oldest other active sessions (by creation) until
   * they hold at most `maxPerUser`, in one step. Returns the ids it ended.
   */
  add(session: Session, maxPerUser: number): Promise<readonly string[]>;
  /** The active session with this id. */
  find(id: string): Promise<Session | undefined>;
  /** The user's active sessions, oldest first. */
  listByUser(userId: string): Promise<readonly Session[]>;
  /** Overwrites an active session (same id); false when it has expired or was removed meanwhile. */
  replace(session: Session): Promise<boolean>;
  /** False when there was no such active session. */
  remove(id: string): Promise<boolean>;
  /** Ends all of a user's sessions; returns how many were active. */
  removeByUser(userId: string): Promise<number>;
  /** Throws when the store cannot serve requests. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
