import { readCookie } from '@know-foolery/session-service/contract';
import { PENDING_SIGN_IN_SECONDS } from './pending-sign-in.js';

/**
 * The pending sign-in cookie's names: with https the `__Host-` one (Secure, Path=/, no Domain), so
 * no sibling subdomain can plant a pending sign-in of its own (login CSRF); the plain name serves
 * development over http, where a Secure cookie would not come back.
 */
export const PENDING_COOKIE_NAMES = { secure: '__Host-kf_sign_in', plain: 'kf_sign_in' } as const;

/**
 * The pending sign-in cookie of one gateway: Secure exactly when its callback is https. HttpOnly, and
 * SameSite=Lax so that it comes back on the issuer's top-level redirect to the callback but on no
 * cross-site subrequest.
 */
export class PendingSignInCookie {
  readonly #secure: boolean;

  constructor(redirectUri: string) {
    this.#secure = new URL(redirectUri).protocol === 'https:';
  }

  get name(): string {
    return this.#secure ? PENDING_COOKIE_NAMES.secure : PENDING_COOKIE_NAMES.plain;
  }

  /** The sealed value this request's Cookie header carries, if any. */
  read(header: string | undefined): string | undefined {
    return readCookie(header, this.name);
  }

  set(sealed: string): string {
    return this.#header(sealed, PENDING_SIGN_IN_SECONDS);
  }

  /** Makes the browser drop it at once: a pending sign-in is used once, successful or not. */
  clear(): string {
    return this.#header('', 0);
  }

  #header(value: string, maxAgeSeconds: number): string {
    const attributes = [`Max-Age=${maxAgeSeconds}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
    if (this.#secure) attributes.push('Secure');
    return [`${this.name}=${value}`, ...attributes].join('; ');
  }
}
