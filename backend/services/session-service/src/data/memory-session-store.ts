import type { Clock } from '@know-foolery/shared/utils';
import { isActive, type Session } from '../domain/session.js';
import type { SessionStore } from './session-store.js';

export interface MemorySessionStoreOptions {
  readonly clock: Clock;
  /** How often expired sessions are dropped from memory. */
  readonly sweepIntervalMs: number;
}

/**
 * Sessions in this process's memory, keyed by handle: lost on restart and not shared between
 * replicas (REDIS_URL selects the Redis store for that). Every method runs without awaiting, so
 * each is atomic.
 */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory';
  readonly #clock: Clock;
  readonly #sessions = new Map<string, Session>();
  readonly #handlesByUser = new Map<string, Set<string>>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(options: MemorySessionStoreOptions) {
    this.#clock = options.clock;
    this.#sweeper = setInterval(() => this.sweep(), options.sweepIntervalMs);
    // Sweeping is housekeeping: it must not keep the process alive.
    this.#sweeper.unref();
  }

  /** Sessions held in memory, expired ones not yet swept included. */
  get size(): number {
    return this.#sessions.size;
  }

  /** Drops every expired session; returns how many. */
  sweep(): number {
    const now = this.#clock.now();
    let dropped = 0;
    for (const session of this.#sessions.values()) {
      if (!isActive(session, now)) {
        this.#delete(session);
        dropped += 1;
      }
    }
    return dropped;
  }

  async add(session: Session, maxPerUser: number): Promise<readonly string[]> {
    this.#store(session);
    const others = this.#activeOf(session.userId).filter((other) => other.handle !== session.handle);
    const evicted = others.slice(0, Math.max(0, others.length + 1 - maxPerUser));
    for (const old of evicted) this.#delete(old);
    return evicted.map((old) => old.handle);
  }

  async find(handle: string): Promise<Session | undefined> {
    return this.#active(handle);
  }

  async listByUser(userId: string): Promise<readonly Session[]> {
    return this.#activeOf(userId);
  }

  async replace(session: Session, expectedVersion: string): Promise<boolean> {
    const stored = this.#active(session.handle);
    if (stored?.userId !== session.userId || stored.credentialsVersion !== expectedVersion) return false;
    this.#sessions.set(session.handle, session);
    return true;
  }

  async rotate(previousHandle: string, next: Session): Promise<boolean> {
    const previous = this.#active(previousHandle);
    if (previous === undefined || previous.userId !== next.userId) return false;
    this.#delete(previous);
    this.#store(next);
    return true;
  }

  async remove(handle: string): Promise<boolean> {
    const session = this.#active(handle);
    if (session === undefined) return false;
    this.#delete(session);
    return true;
  }

  async removeByUser(userId: string): Promise<number> {
    const active = this.#activeOf(userId);
    // Stryker disable next-line ArrayDeclaration: no session has the mutant's text for its handle
    for (const handle of this.#handlesByUser.get(userId) ?? []) {
      const session = this.#sessions.get(handle);
      if (session !== undefined) this.#delete(session);
    }
    return active.length;
  }

  /** Memory keeps no index apart from its sessions: pruning is the sweep. */
  async pruneIndexes(): Promise<number> {
    return this.sweep();
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
  }

  #store(session: Session): void {
    this.#sessions.set(session.handle, session);
    let handles = this.#handlesByUser.get(session.userId);
    if (handles === undefined) {
      handles = new Set();
      this.#handlesByUser.set(session.userId, handles);
    }
    handles.add(session.handle);
  }

  #active(handle: string): Session | undefined {
    const session = this.#sessions.get(handle);
    return session !== undefined && isActive(session, this.#clock.now()) ? session : undefined;
  }

  /** Oldest first; sessions created at the same instant keep their insertion order. */
  #activeOf(userId: string): Session[] {
    const now = this.#clock.now();
    const sessions: Session[] = [];
    // Stryker disable next-line ArrayDeclaration: no session has the mutant's text for its handle
    for (const handle of this.#handlesByUser.get(userId) ?? []) {
      const session = this.#sessions.get(handle);
      if (session !== undefined && isActive(session, now)) sessions.push(session);
    }
    return sessions.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  #delete(session: Session): void {
    this.#sessions.delete(session.handle);
    const handles = this.#handlesByUser.get(session.userId);
    // Stryker disable next-line OptionalChaining: a stored session's user always has a set of handles
    handles?.delete(session.handle);
    // Stryker disable next-line OptionalChaining: as above, the set exists
    if (handles?.size === 0) this.#handlesByUser.delete(session.userId);
  }
}
