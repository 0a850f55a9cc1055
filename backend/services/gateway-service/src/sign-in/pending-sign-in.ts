import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';

/** How long a browser has between leaving for the issuer and coming back to the callback. */
export const PENDING_SIGN_IN_SECONDS = 10 * 60;

/**
 * What the callback must know of the sign-in this browser started: the PKCE verifier, the state and
 * the nonce it sent, and where to land.
 */
const PendingSignInSchema = Type.Object(
  {
    state: Type.String({ minLength: 1 }),
    nonce: Type.String({ minLength: 1 }),
    codeVerifier: Type.String({ minLength: 43, maxLength: 128 }),
    returnTo: Type.String({ minLength: 1 }),
    /** Epoch milliseconds. */
    expiresAt: Type.Integer(),
  },
  { additionalProperties: false },
);
export type PendingSignIn = Static<typeof PendingSignInSchema>;

const pendingSignIn = Compile(PendingSignInSchema);

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds a sealed value to its purpose: a value sealed with the same key for anything else never opens. */
const ASSOCIATED_DATA = Buffer.from('know-foolery pending sign-in v1');

/**
 * Pending sign-ins sealed with AES-256-GCM into a cookie value (`v1.` and base64url of IV, ciphertext
 * and tag): the browser holds them but can neither read nor change them, so no store holds anything
 * for a visitor who has not signed in yet.
 */
export class PendingSignInSealer {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError('the pending sign-in key must be 32 bytes');
    this.#key = key;
  }

  seal(pending: PendingSignIn): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv).setAAD(ASSOCIATED_DATA);
    const sealed = Buffer.concat([
      iv,
      cipher.update(JSON.stringify(pending), 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${VERSION}.${sealed.toString('base64url')}`;
  }

  /** The pending sign-in, or undefined when the value was not sealed by this key, was changed, or expired. */
  open(value: string, now: Date): PendingSignIn | undefined {
    const [version, payload, ...rest] = value.split('.');
    if (version !== VERSION || payload === undefined || rest.length > 0) return undefined;
    const sealed = Buffer.from(payload, 'base64url');
    if (sealed.length <= IV_BYTES + TAG_BYTES) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', this.#key, sealed.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    })
      .setAAD(ASSOCIATED_DATA)
      .setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let text: string;
    try {
      text = Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
    const parsed: unknown = JSON.parse(text);
    if (!pendingSignIn.Check(parsed) || parsed.expiresAt <= now.getTime()) return undefined;
    return parsed;
  }
}
