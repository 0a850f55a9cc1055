import { createHmac } from 'node:crypto';
import { KEY_BYTES } from './keyring.js';

/**
 * Turns a secret session id into its handle: base64url HMAC-SHA256 under the lookup key, 43
 * characters. The store and the API know sessions only by handle, so neither a copy of the store nor
 * a listing reveals an id that would open a session. There is one lookup key: rotating it changes
 * every handle, which ends every session.
 */
export class SessionHandles {
  readonly #lookupKey: Buffer;

  constructor(lookupKey: Buffer) {
    if (lookupKey.length !== KEY_BYTES) throw new RangeError(`the lookup key must be ${KEY_BYTES} bytes`);
    this.#lookupKey = lookupKey;
  }

  handleOf(sessionId: string): string {
    return createHmac('sha256', this.#lookupKey).update(sessionId).digest('base64url');
  }
}
