import { createHmac, timingSafeEqual } from 'node:crypto';
import { SESSION_ID_PATTERN } from '../domain/session.js';
import type { SessionKey } from './keyring.js';

const SESSION_ID = new RegExp(SESSION_ID_PATTERN);
const MAC = /^[A-Za-z0-9_-]{43}$/;
/** A signed value is 43 + 1 + at most 16 + 1 + 43 characters; anything longer is refused unread. */
export const MAX_SIGNED_COOKIE_LENGTH = 104;

/**
 * Signs the session id the cookie carries: `<id>.<keyId>.<mac>`, the MAC an HMAC-SHA256 over the key
 * id and the session id. The newest key signs and every configured key verifies, so keys rotate
 * without signing anyone out.
 */
export class CookieSigner {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #current: SessionKey;

  constructor(keys: readonly SessionKey[]) {
    const [current] = keys;
    if (current === undefined) throw new RangeError('a cookie signer needs at least one key');
    this.#current = current;
    this.#keys = new Map(keys.map((key) => [key.id, key.secret]));
  }

  sign(sessionId: string): string {
    if (!SESSION_ID.test(sessionId)) throw new RangeError('not a session id');
    return `${sessionId}.${this.#current.id}.${mac(this.#current.secret, this.#current.id, sessionId)}`;
  }

  /** The session id of a value this signer signed; undefined for anything else, whatever is wrong with it. */
  verify(value: string): string | undefined {
    // Stryker disable next-line ConditionalExpression: the checks below refuse a long value too; this one spares splitting it
    if (value.length > MAX_SIGNED_COOKIE_LENGTH) return undefined;
    const parts = value.split('.');
    if (parts.length !== 3) return undefined;
    // Stryker disable next-line StringLiteral: three parts are there; the defaults only satisfy the type checker
    const [sessionId = '', keyId = '', given = ''] = parts;
    const secret = this.#keys.get(keyId);
    if (secret === undefined || !SESSION_ID.test(sessionId) || !MAC.test(given)) return undefined;
    const expected = Buffer.from(mac(secret, keyId, sessionId));
    const received = Buffer.from(given);
    return timingSafeEqual(expected, received) ? sessionId : undefined;
  }
}

function mac(secret: Buffer, keyId: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`${keyId}.${sessionId}`).digest('base64url');
}
