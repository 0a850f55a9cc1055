import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SessionTamperedError } from '../data/errors.js';
import type { SessionKey } from './keyring.js';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function fromBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  // Several texts decode to the same bytes (unused trailing bits); only the canonical one is ours.
  return bytes.toString('base64url') === text ? bytes : undefined;
}

/**
 * Encrypts session values at rest: AES-256-GCM with a random 12-byte nonce per value, the newest key
 * encrypting and every configured key decrypting. The associated data (the store key) is
 * authenticated, so a value copied under another key does not open. The version and key id are
 * authenticated too. Sealed form: `v1.<keyId>.<nonce>.<ciphertext+tag>`, base64url parts.
 */
export class SessionSealer {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #current: SessionKey;

  constructor(keys: readonly SessionKey[]) {
    const [current] = keys;
    if (current === undefined) throw new RangeError('a session sealer needs at least one key');
    this.#current = current;
    this.#keys = new Map(keys.map((key) => [key.id, key.secret]));
  }

  seal(plaintext: string, associatedData: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#current.secret, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(authenticatedData(this.#current.id, associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.#current.id, nonce.toString('base64url'), body.toString('base64url')].join('.');
  }

  /** The plaintext; SessionTamperedError for anything this sealer did not seal with this associated data. */
  open(sealed: string, associatedData: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4) throw tampered('not four parts');
    const [version, keyId = '', nonceText = '', bodyText = ''] = parts;
    if (version !== VERSION) throw tampered('unknown version');
    const secret = this.#keys.get(keyId);
    if (secret === undefined) throw tampered('unknown key id');
    const nonce = fromBase64url(nonceText);
    if (nonce?.length !== NONCE_BYTES) throw tampered('malformed nonce');
    const body = fromBase64url(bodyText);
    if (body === undefined || body.length < TAG_BYTES) throw tampered('malformed ciphertext');
    const decipher = createDecipheriv(ALGORITHM, secret, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(authenticatedData(keyId, associatedData));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw tampered('authentication failed', error);
    }
  }
}

function authenticatedData(keyId: string, associatedData: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}.${associatedData}`, 'utf8');
}

function tampered(reason: string, cause?: unknown): SessionTamperedError {
  return new SessionTamperedError(`sealed session value refused: ${reason}`, { cause });
}
