import { createLocalJWKSet, errors, type JWK, type JWTPayload, jwtVerify } from 'jose';
import { SIGNING_ALGORITHM } from './signing-keys.js';

export function looksLikeJwt(token: string): boolean {
  return token.split('.').length === 3;
}

/**
 * Verifies, in process, a JWT this provider signed: against the keys it publishes now (read on every
 * call, so a rotation is seen at once), its issuer and the project audience.
 */
export class LocalJwtVerifier {
  readonly #issuer: string;
  readonly #audience: string;
  readonly #publishedKeys: () => { keys: JWK[] };

  constructor(issuer: string, audience: string, publishedKeys: () => { keys: JWK[] }) {
    this.#issuer = issuer;
    this.#audience = audience;
    this.#publishedKeys = publishedKeys;
  }

  /** The verified claims, or undefined for a token that is not a valid one of ours. */
  async verify(token: string): Promise<JWTPayload | undefined> {
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(this.#publishedKeys()), {
        issuer: this.#issuer,
        audience: this.#audience,
        algorithms: [SIGNING_ALGORITHM],
      });
      return payload;
    } catch (error) {
      if (error instanceof errors.JOSEError) return undefined;
      throw error;
    }
  }
}
