import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SessionTamperedError } from '../data/errors.js';
import type { SessionKey } from './keyring.js';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function fromBase64url(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64url');
  // Node skips characters outside the alphabet, and several texts decode to the same bytes (unused
  // trailing bits): only the canonical text of the bytes is one of ours.
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
    // Stryker disable next-line ObjectLiteral: 16 bytes is also GCM's default tag length; named so it stays fixed
    const cipher = createCipheriv(ALGORITHM, this.#current.secret, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(authenticatedData(this.#current.id, associatedData));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.#current.id, nonce.toString('base64url'), body.toString('base64url')].join('.');
  }

  /** The plaintext; SessionTamperedError for anything this sealer did not seal with this associated data. */
  open(sealed: string, associatedData: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4) throw tampered('not four parts');
    // Stryker disable next-line StringLiteral: four parts are there; the defaults only satisfy the type checker
    const [version, keyId = '', nonceText = '', bodyText = ''] = parts;
    if (version !== VERSION) throw tampered('unknown version');
    const secret = this.#keys.get(keyId);
    if (secret === undefined) throw tampered('unknown key id');
    const nonce = fromBase64url(nonceText);
    if (nonce?.length !== NONCE_BYTES) throw tampered('malformed nonce');
    const body = fromBase64url(bodyText);
    if (body === undefined || body.length < TAG_BYTES) throw tampered('malformed ciphertext');
    // Stryker disable next-line ObjectLiteral: the tag handed over is always 16 bytes, the length named here
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
  return Buffer.from(`${VERSION}.${keyId}.${associatedData}`);
}

function tampered(reason: string, cause?: unknown): SessionTamperedError {
  return new SessionTamperedError(`sealed session value refused: ${reason}`, { cause });
}
