import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export const SIGNING_ALGORITHM = 'RS256';
/** Retired keys stay published this many rotations, so tokens they signed still verify. */
const RETIRED_KEYS_KEPT = 3;

export interface SigningJwk extends JWK {
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: 'sig';
}

async function newSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: SIGNING_ALGORITHM, use: 'sig' };
}

/**
 * The provider's signing keys, rotated the way Zitadel does it: the next key is published before it
 * signs anything, so verifiers that cached the key set already know it when it takes over, and a
 * retired key stays published while tokens it signed may still be in use.
 */
export class SigningKeyRing {
  #current: SigningJwk;
  #next: SigningJwk;
  #retired: SigningJwk[] = [];

  private constructor(current: SigningJwk, next: SigningJwk) {
    this.#current = current;
    this.#next = next;
  }

  static async create(): Promise<SigningKeyRing> {
    return new SigningKeyRing(await newSigningKey(), await newSigningKey());
  }

  get currentKeyId(): string {
    return this.#current.kid;
  }

  /** The private key set, the signing key first: oidc-provider signs with the first key of an algorithm. */
  privateKeySet(): { keys: SigningJwk[] } {
    return { keys: [this.#current, this.#next, ...this.#retired] };
  }

  /** The published key set: what the JWKS endpoint serves, for verifying tokens in-process. */
  publicKeySet(): { keys: JWK[] } {
    return {
      keys: this.privateKeySet().keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })),
    };
  }

  async rotate(): Promise<void> {
    const upcoming = await newSigningKey();
    this.#retired = [this.#current, ...this.#retired].slice(0, RETIRED_KEYS_KEPT);
    this.#current = this.#next;
    this.#next = upcoming;
  }
}
