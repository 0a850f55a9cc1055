import { createHash } from 'node:crypto';
import { taggedKey } from '@know-foolery/shared/redis';

/**
 * Where sessions live in Redis, under the client's key prefix:
 *   session:{<user tag>}:index        sorted set of the user's handles, scored by creation time
 *   session:{<user tag>}:s:<handle>   hash: v = the sealed session, e = its expiry (epoch ms),
 *                                     c = its credentials version (random, compared by replace)
 *   session-owner:<handle>            the user tag, so a handle alone finds its session
 * One hash tag per user keeps a user's index and sessions in one cluster slot, so one script
 * updates them together; the owner key is what a lookup by handle starts from.
 */
export const USER_TAG = /^[A-Za-z0-9_-]{43}$/;

/** A hash of the user id: fixed length, safe in a hash tag whatever the id holds, and not the id itself. */
export function userTag(userId: string): string {
  return createHash('sha256').update(userId).digest('base64url');
}

export function indexKey(tag: string): string {
  return `session:${taggedKey(tag, 'index')}`;
}

export function sessionKey(tag: string, handle: string): string {
  return `session:${taggedKey(tag, 's', handle)}`;
}

export function ownerKey(handle: string): string {
  return `session-owner:${handle}`;
}

const INDEX_KEY = /^session:\{([A-Za-z0-9_-]{43})\}:index$/;

/** The user tag of an index key found by SCAN (without the client's prefix), or undefined for other keys. */
export function tagOfIndexKey(key: string): string | undefined {
  return INDEX_KEY.exec(key)?.[1];
}

/** SCAN's pattern for every user index under `prefix`, its glob characters escaped. */
export function indexPattern(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, '\\$&')}session:{*}:index`;
}
