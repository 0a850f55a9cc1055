import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** A password kept as scrypt(password, salt): even a development store holds no password in clear. */
export interface PasswordHash {
  readonly salt: Buffer;
  readonly key: Buffer;
}

function deriveKey(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(SALT_BYTES);
  return { salt, key: await deriveKey(password, salt) };
}

export async function passwordMatches(hash: PasswordHash, password: string): Promise<boolean> {
  return timingSafeEqual(await deriveKey(password, hash.salt), hash.key);
}
