import type { Clock } from '@know-foolery/shared/utils';
import { isActive, type Session } from '../domain/session.js';
import type { SessionStore } from './session-store.js';

export interface MemorySessionStoreOptions {
  readonly clock: Clock;
  /** How often expired sessions are dropped from memory. */
  readonly sweepIntervalMs: number;
}

/**
 * Sessions in this process's memory: lost on restart and not shared between replicas, which is
 * why Phase 1B moves them to Redis. Every method runs without awaiting, so each is atomic.
 */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory';
  readonly #clock: Clock;
  readonly #sessions = new Map<string, Session>();
  readonly #idsByUser = new Map<string, Set<string>>();
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
    this.#sessions.set(session.id, session);
    let ids = this.#idsByUser.get(session.userId);
    if (ids === undefined) {
      ids = new Set();
      this.#idsByUser.set(session.userId, ids);
    }
    ids.add(session.id);
    const others = this.#activeOf(session.userId).filter((other) => other.id !== session.id);
    const evicted = others.slice(0, Math.max(0, others.length + 1 - maxPerUser));
    for (const old of evicted) this.#delete(old);
    return evicted.map((old) => old.id);
  }

  async find(id: string): Promise<Session | undefined> {
    return this.#active(id);
  }

  async listByUser(userId: string): Promise<readonly Session[]> {
    return this.#activeOf(userId);
  }

  async replace(session: Session): Promise<boolean> {
    const current = this.#active(session.id);
    if (current === undefined || current.userId !== session.userId) return false;
    this.#sessions.set(session.id, session);
    return true;
  }

  async remove(id: string): Promise<boolean> {
    const session = this.#active(id);
    if (session === undefined) return false;
    this.#delete(session);
    return true;
  }

  async removeByUser(userId: string): Promise<number> {
    const active = this.#activeOf(userId);
    // Stryker disable next-line ArrayDeclaration: no session has the mutant's text for its id
    for (const id of this.#idsByUser.get(userId) ?? []) {
      const session = this.#sessions.get(id);
      if (session !== undefined) this.#delete(session);
    }
    return active.length;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
  }

  #active(id: string): Session | undefined {
    const session = this.#sessions.get(id);
    return session !== undefined && isActive(session, this.#clock.now()) ? session : undefined;
  }

  /** Oldest first; sessions created at the same instant keep their insertion order. */
  #activeOf(userId: string): Session[] {
    const now = this.#clock.now();
    const sessions: Session[] = [];
    // Stryker disable next-line ArrayDeclaration: no session has the mutant's text for its id
    for (const id of this.#idsByUser.get(userId) ?? []) {
      const session = this.#sessions.get(id);
      if (session !== undefined && isActive(session, now)) sessions.push(session);
    }
    return sessions.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  #delete(session: Session): void {
    this.#sessions.delete(session.id);
    const ids = this.#idsByUser.get(session.userId);
    // Stryker disable next-line OptionalChaining: a stored session's user always has a set of ids
    ids?.delete(session.id);
    // Stryker disable next-line OptionalChaining: as above, the set exists
    if (ids?.size === 0) this.#idsByUser.delete(session.userId);
  }
}
