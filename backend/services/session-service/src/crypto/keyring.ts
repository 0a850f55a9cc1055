import { createHmac } from 'node:crypto';

/** One secret of a keyring, named so a sealed or signed value says which key made it. */
export interface SessionKey {
  readonly id: string;
  readonly secret: Buffer;
}

export const KEY_BYTES = 32;
const KEY_ID = /^[a-z0-9-]{1,16}$/;
/** Standard base64 with its padding: 32 bytes are 44 characters. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A 32-byte secret from its base64 text. `name` says where it came from in the error, which never
 * holds the text: it is a secret, even when malformed.
 */
export function parseKeySecret(text: string, name: string): Buffer {
  const secret = BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (secret === undefined || secret.toString('base64') !== text || secret.length !== KEY_BYTES) {
    throw new RangeError(`${name}: the secret must be exactly ${KEY_BYTES} bytes in base64`);
  }
  return secret;
}

/**
 * Reads `id:base64secret,id2:base64secret`, newest first: the first key makes new values and every
 * key still opens them, so a key is rotated by putting a new one first and dropping the old one once
 * nothing it made is still in use.
 */
export function parseKeyring(text: string): SessionKey[] {
  const entries = text.split(',').map((entry) => entry.trim());
  const keys: SessionKey[] = [];
  for (const [index, entry] of entries.entries()) {
    const position = `key ${index + 1}`;
    const separator = entry.indexOf(':');
    if (separator < 0) throw new RangeError(`${position}: expected "id:base64secret"`);
    const id = entry.slice(0, separator);
    if (!KEY_ID.test(id)) throw new RangeError(`${position}: the id must match [a-z0-9-]{1,16}`);
    if (keys.some((key) => key.id === id)) throw new RangeError(`${position}: the id "${id}" appears twice`);
    keys.push({ id, secret: parseKeySecret(entry.slice(separator + 1), `${position} ("${id}")`) });
  }
  return keys;
}

/** Public on purpose: development keys protect nothing, and production configuration refuses them. */
const DEVELOPMENT_SEED = 'know-foolery development session keys: public, never for production';

/** One key derived from a fixed public string and the purpose, so each purpose gets its own key. */
export function developmentKeyring(purpose: string): SessionKey[] {
  const secret = createHmac('sha256', DEVELOPMENT_SEED).update(purpose).digest();
  return [{ id: 'dev', secret }];
}
