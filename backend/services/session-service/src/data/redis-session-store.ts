import { primaryServers, type RedisClient, type RedisConnection } from '@know-foolery/shared/redis';
import type { Clock } from '@know-foolery/shared/utils';
import type { SessionSealer } from '../crypto/session-sealer.js';
import { isActive, type Session } from '../domain/session.js';
import { SessionTamperedError } from './errors.js';
import {
  indexKey,
  indexPattern,
  ownerKey,
  sessionKey,
  tagOfIndexKey,
  USER_TAG,
  userTag,
} from './redis-session-keys.js';
import {
  ADD_SESSION,
  PRUNE_INDEX,
  REMOVE_SESSION,
  REMOVE_USER_SESSIONS,
  REPLACE_SESSION,
  ROTATE_SESSION,
} from './redis-session-scripts.js';
import { decodeSession, encodeSession } from './session-record.js';
import type { SessionStore } from './session-store.js';

export interface RedisSessionStoreOptions {
  /** The process's shared client; the store never closes it. */
  readonly redis: RedisClient;
  readonly sealer: SessionSealer;
  readonly clock: Clock;
}

/**
 * A script over a user's whole index retries when sessions are added under it meanwhile; each
 * round lets at least one writer through, so only more simultaneous logins of one user than this
 * can exhaust it.
 */
const MAX_SNAPSHOT_ATTEMPTS = 100;
const SCAN_BATCH = 500;

/**
 * Sessions in Redis, shared by every replica. The key of a session is its handle (a keyed hash
 * of the secret id) and its value is sealed (AES-256-GCM, the key as associated data), so a copy
 * of Redis holds no session id that would open a session, and a value moved to another key does
 * not open. Every key expires on its own (see redis-session-keys.ts for the layout).
 */
export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis';
  readonly #redis: RedisClient;
  readonly #sealer: SessionSealer;
  readonly #clock: Clock;

  constructor(options: RedisSessionStoreOptions) {
    this.#redis = options.redis;
    this.#sealer = options.sealer;
    this.#clock = options.clock;
  }

  async add(session: Session, maxPerUser: number): Promise<readonly string[]> {
    const tag = userTag(session.userId);
    const key = sessionKey(tag, session.handle);
    const write = this.#write(session, key);
    const [, { result: ended }] = await Promise.all([
      this.#redis.run('session-owner', (connection) =>
        connection.set(ownerKey(session.handle), tag, 'PX', write.ttl),
      ),
      this.#withSnapshot('session-add', tag, handleList, (connection, handles, keys) =>
        ADD_SESSION.run(
          connection,
          [indexKey(tag), key, ...keys],
          [
            write.now,
            maxPerUser,
            session.handle,
            session.createdAt.getTime(),
            write.sealed,
            write.expiresAt,
            write.ttl,
            session.credentialsVersion,
            ...handles,
          ],
        ),
      ),
    ]);
    await this.#deleteOwners(ended);
    return ended;
  }

  async find(handle: string): Promise<Session | undefined> {
    const tag = await this.#ownerTag(handle);
    if (tag === undefined) return undefined;
    const key = sessionKey(tag, handle);
    const sealed = await this.#redis.run('session-find', (connection) => connection.hget(key, 'v'));
    if (sealed === null) return undefined;
    const session = this.#open(sealed, key);
    return isActive(session, this.#clock.now()) ? session : undefined;
  }

  async listByUser(userId: string): Promise<readonly Session[]> {
    const tag = userTag(userId);
    const stored = await this.#redis.run('session-list', async (connection) => {
      const handles = await connection.zrange(indexKey(tag), 0, -1);
      const values = await Promise.all(
        handles.map((handle) => connection.hget(sessionKey(tag, handle), 'v')),
      );
      return handles.map((handle, index) => ({ handle, sealed: values[index] ?? null }));
    });
    const now = this.#clock.now();
    const sessions: Session[] = [];
    const ended: string[] = [];
    for (const { handle, sealed } of stored) {
      const session = sealed === null ? undefined : this.#open(sealed, sessionKey(tag, handle));
      if (session !== undefined && isActive(session, now)) sessions.push(session);
      else ended.push(handle);
    }
    // Pruned here too, so an index a player reads never waits for the cleanup routine.
    if (ended.length > 0) await this.#prune(tag, ended);
    // The index is scored by creation time, so the sessions come out oldest first.
    return sessions;
  }

  async replace(session: Session, expectedVersion: string): Promise<boolean> {
    const tag = userTag(session.userId);
    const key = sessionKey(tag, session.handle);
    const write = this.#write(session, key);
    const replaced = await this.#redis.run('session-replace', async (connection) => {
      const [reply] = await Promise.all([
        REPLACE_SESSION.run(
          connection,
          [key, indexKey(tag)],
          [write.now, write.sealed, write.expiresAt, write.ttl, expectedVersion, session.credentialsVersion],
        ),
        // Harmless when the session has ended: its owner key is gone or expires with it.
        connection.pexpire(ownerKey(session.handle), write.ttl),
      ]);
      return reply;
    });
    return count(replaced) === 1;
  }

  async rotate(previousHandle: string, next: Session): Promise<boolean> {
    const tag = userTag(next.userId);
    const key = sessionKey(tag, next.handle);
    const write = this.#write(next, key);
    const reply = await this.#redis.run('session-rotate', async (connection) => {
      const [, rotated] = await Promise.all([
        connection.set(ownerKey(next.handle), tag, 'PX', write.ttl),
        ROTATE_SESSION.run(
          connection,
          [sessionKey(tag, previousHandle), key, indexKey(tag)],
          [
            write.now,
            previousHandle,
            next.handle,
            next.createdAt.getTime(),
            write.sealed,
            write.expiresAt,
            write.ttl,
            next.credentialsVersion,
          ],
        ),
      ]);
      return rotated;
    });
    const rotated = count(reply) === 1;
    await this.#deleteOwners([rotated ? previousHandle : next.handle]);
    return rotated;
  }

  async remove(handle: string): Promise<boolean> {
    const tag = await this.#ownerTag(handle);
    if (tag === undefined) return false;
    const reply = await this.#redis.run('session-remove', async (connection) => {
      const [removed] = await Promise.all([
        REMOVE_SESSION.run(
          connection,
          [sessionKey(tag, handle), indexKey(tag)],
          [this.#clock.now().getTime(), handle],
        ),
        connection.del(ownerKey(handle)),
      ]);
      return removed;
    });
    return count(reply) === 1;
  }

  async removeByUser(userId: string): Promise<number> {
    const tag = userTag(userId);
    const { result, handles } = await this.#withSnapshot(
      'session-remove-user',
      tag,
      countOrNull,
      (connection, snapshot, keys) =>
        REMOVE_USER_SESSIONS.run(
          connection,
          [indexKey(tag), ...keys],
          [this.#clock.now().getTime(), ...snapshot],
        ),
    );
    await this.#deleteOwners(handles);
    return result;
  }

  /**
   * Walks every user index (SCAN on each master of a cluster, as known when the walk starts) and
   * drops the handles whose sessions have ended. Reads never see ended sessions anyway; this keeps
   * indexes of players who stopped coming back from holding dead handles until their own TTL.
   */
  async pruneIndexes(): Promise<number> {
    const tags = await this.#redis.run('session-scan', async (connection) => {
      const prefix = connection.options.keyPrefix ?? '';
      const found: string[] = [];
      for (const server of primaryServers(connection)) {
        let cursor = '0';
        do {
          const [next, keys] = await server.scan(cursor, 'MATCH', indexPattern(prefix), 'COUNT', SCAN_BATCH);
          cursor = next;
          for (const key of keys) {
            const tag = tagOfIndexKey(key.slice(prefix.length));
            if (tag !== undefined) found.push(tag);
          }
        } while (cursor !== '0');
      }
      return found;
    });
    let pruned = 0;
    for (const tag of tags) {
      const handles = await this.#redis.run('session-index', (connection) =>
        connection.zrange(indexKey(tag), 0, -1),
      );
      // Stryker disable next-line ConditionalExpression,EqualityOperator: Redis drops an empty sorted set, so only a race empties it here, and pruning nothing changes nothing
      if (handles.length > 0) pruned += await this.#prune(tag, handles);
    }
    return pruned;
  }

  async ping(): Promise<void> {
    await this.#redis.run('session-ping', (connection) => connection.ping());
  }

  /** The Redis client is the process's, closed by whoever opened it. */
  async close(): Promise<void> {}

  #write(session: Session, key: string) {
    const now = this.#clock.now().getTime();
    const expiresAt = session.expiresAt.getTime();
    // A session already past its expiry still gets a positive TTL: Redis refuses zero.
    const ttl = Math.max(1, expiresAt - now);
    return { now, expiresAt, ttl, sealed: this.#sealer.seal(encodeSession(session), key) };
  }

  #open(sealed: string, key: string): Session {
    return decodeSession(this.#sealer.open(sealed, key));
  }

  async #prune(tag: string, handles: readonly string[]): Promise<number> {
    const reply = await this.#redis.run('session-prune', (connection) =>
      PRUNE_INDEX.run(
        connection,
        [indexKey(tag), ...handles.map((handle) => sessionKey(tag, handle))],
        [this.#clock.now().getTime(), ...handles],
      ),
    );
    return count(reply);
  }

  /** The user tag a handle's owner key names; undefined when there is none (never was, or ended). */
  async #ownerTag(handle: string): Promise<string | undefined> {
    const tag = await this.#redis.run('session-owner', (connection) => connection.get(ownerKey(handle)));
    if (tag === null) return undefined;
    if (!USER_TAG.test(tag)) throw new SessionTamperedError('a session owner key holds no user tag');
    return tag;
  }

  async #deleteOwners(handles: readonly string[]): Promise<void> {
    if (handles.length === 0) return;
    // One DEL per key: in a cluster the owner keys live in different slots.
    await this.#redis.run('session-owner', (connection) =>
      Promise.all(handles.map((handle) => connection.del(ownerKey(handle)))),
    );
  }

  /**
   * Runs `script` on a fresh snapshot of the user's index until it accepts one (`read` answers
   * non-null). Replies are read outside `redis.run`, whose breaker counts only Redis's failures.
   */
  async #withSnapshot<T>(
    command: string,
    tag: string,
    read: (reply: unknown) => T | null,
    script: (
      connection: RedisConnection,
      handles: readonly string[],
      keys: readonly string[],
    ) => Promise<unknown>,
  ): Promise<{ result: T; handles: readonly string[] }> {
    for (let round = 0; round < MAX_SNAPSHOT_ATTEMPTS; round += 1) {
      const { handles, reply } = await this.#redis.run(command, async (connection) => {
        const snapshot = await connection.zrange(indexKey(tag), 0, -1);
        const keys = snapshot.map((handle) => sessionKey(tag, handle));
        return { handles: snapshot, reply: await script(connection, snapshot, keys) };
      });
      const result = read(reply);
      if (result !== null) return { result, handles };
    }
    throw new Error(`a user's session index changed under ${MAX_SNAPSHOT_ATTEMPTS} attempts in a row`);
  }
}

/** A script's list of handles; null when it asked for a fresh snapshot. */
function handleList(reply: unknown): readonly string[] | null {
  if (reply === null) return null;
  if (Array.isArray(reply) && reply.every((item) => typeof item === 'string')) return reply;
  throw new Error('a session script answered in an unexpected shape');
}

function count(reply: unknown): number {
  if (typeof reply === 'number') return reply;
  throw new Error('a session script answered in an unexpected shape');
}

/** A script's count; null when it asked for a fresh snapshot. */
function countOrNull(reply: unknown): number | null {
  return reply === null ? null : count(reply);
}
