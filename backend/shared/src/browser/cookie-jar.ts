import { type Clock, systemClock } from '../utils/index.js';
import { cookieHost, defaultPath, domainMatches, isSecureOrigin, pathMatches } from './cookie-rules.js';
import { parseSetCookie, type SameSite, type SetCookie } from './set-cookie.js';

/** A cookie the jar holds, as RFC 6265 section 5.3 stores it. */
export interface StoredCookie {
  readonly name: string;
  readonly value: string;
  /** The host it was set by (host-only), or the Domain attribute's domain. */
  readonly domain: string;
  /** Sent to `domain` alone, not to the names under it: the cookie came without a Domain attribute. */
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  /** Kept from script: `scriptCookies` (what `document.cookie` shows) leaves it out. */
  readonly httpOnly: boolean;
  readonly sameSite: SameSite | undefined;
  /** When it expires; null for a session cookie, kept until the browser closes. */
  readonly expiresAt: Date | null;
}

interface Entry extends StoredCookie {
  /** Creation order, which breaks ties between cookies of equal path length in a Cookie header. */
  readonly created: number;
}

const SECURE_PREFIX = '__secure-';
const HOST_PREFIX = '__host-';

/**
 * A browser's cookie store: host-aware (host-only cookies and Domain cookies), Path, Secure
 * (stored and sent only on secure origins, loopback included, and an insecure origin cannot
 * replace one), HttpOnly, Max-Age and Expires against its clock, and the `__Secure-` and
 * `__Host-` name prefixes. No public suffix list, no size limits, SameSite recorded but not
 * enforced: a test browser makes no cross-site requests.
 */
export class CookieJar {
  readonly #clock: Clock;
  readonly #entries = new Map<string, Entry>();
  #created = 0;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** Takes in the Set-Cookie header lines of a response to `url`, as a browser would. */
  store(setCookies: readonly string[], url: URL): void {
    for (const line of setCookies) {
      const cookie = parseSetCookie(line);
      if (cookie !== undefined) this.#storeOne(cookie, url);
    }
  }

  /** The Cookie request header for `url`: most specific path first, then oldest; undefined when none goes. */
  header(url: URL): string | undefined {
    const sent = this.#sentTo(url);
    return sent.length === 0 ? undefined : sent.map(({ name, value }) => `${name}=${value}`).join('; ');
  }

  /** The value of the cookie `name` a request to `url` would carry (the most specific one). */
  get(url: URL, name: string): string | undefined {
    return this.#sentTo(url).find((cookie) => cookie.name === name)?.value;
  }

  /** What script on a page at `url` reads in `document.cookie`: every cookie sent there but the HttpOnly ones. */
  scriptCookies(url: URL): string {
    return this.#sentTo(url)
      .filter((cookie) => !cookie.httpOnly)
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
  }

  /** Every cookie held and not expired, in creation order. */
  cookies(): StoredCookie[] {
    this.#dropExpired();
    return [...this.#entries.values()].map(({ created: _created, ...cookie }) => cookie);
  }

  #storeOne(cookie: SetCookie, url: URL): void {
    const host = cookieHost(url);
    if (cookie.domain !== undefined && !domainMatches(host, cookie.domain)) return;
    const secureOrigin = isSecureOrigin(url);
    if (cookie.secure && !secureOrigin) return;
    if (!prefixRulesHold(cookie, secureOrigin)) return;
    const domain = cookie.domain ?? host;
    const path = cookie.path ?? defaultPath(url);
    if (!cookie.secure && !secureOrigin && this.#shadowsSecureCookie(cookie.name, domain, path)) return;
    // The same name, domain and path: the new cookie replaces the old (RFC 6265 5.3 step 11).
    const key = `${cookie.name}|${domain}|${path}`;
    const expiresAt = this.#expiry(cookie);
    const previous = this.#entries.get(key);
    this.#entries.delete(key);
    if (expiresAt !== null && expiresAt.getTime() <= this.#clock.now().getTime()) return;
    this.#created += 1;
    this.#entries.set(key, {
      name: cookie.name,
      value: cookie.value,
      domain,
      hostOnly: cookie.domain === undefined,
      path,
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      sameSite: cookie.sameSite,
      expiresAt,
      // A replaced cookie keeps its place (RFC 6265 5.3 step 11.3).
      created: previous?.created ?? this.#created,
    });
  }

  #expiry(cookie: SetCookie): Date | null {
    const now = this.#clock.now().getTime();
    if (cookie.maxAgeSeconds !== undefined) return new Date(now + cookie.maxAgeSeconds * 1000);
    return cookie.expires ?? null;
  }

  /** An insecure origin may not set a cookie that would overlay a Secure one (RFC 6265bis, "leave secure cookies alone"). */
  #shadowsSecureCookie(name: string, domain: string, path: string): boolean {
    return [...this.#entries.values()].some(
      (entry) =>
        entry.secure &&
        entry.name === name &&
        (domainMatches(entry.domain, domain) || domainMatches(domain, entry.domain)) &&
        pathMatches(path, entry.path),
    );
  }

  #sentTo(url: URL): Entry[] {
    this.#dropExpired();
    const host = cookieHost(url);
    const secure = isSecureOrigin(url);
    return [...this.#entries.values()]
      .filter(
        (entry) =>
          (entry.hostOnly ? host === entry.domain : domainMatches(host, entry.domain)) &&
          pathMatches(url.pathname, entry.path) &&
          (secure || !entry.secure),
      )
      .sort((first, second) => second.path.length - first.path.length || first.created - second.created);
  }

  #dropExpired(): void {
    const now = this.#clock.now().getTime();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt !== null && entry.expiresAt.getTime() <= now) this.#entries.delete(key);
    }
  }
}

/** `__Secure-` wants Secure from a secure origin; `__Host-` also no Domain and `Path=/` (names compared in any case). */
function prefixRulesHold(cookie: SetCookie, secureOrigin: boolean): boolean {
  const name = cookie.name.toLowerCase();
  const secured = cookie.secure && secureOrigin;
  if (name.startsWith(SECURE_PREFIX)) return secured;
  if (name.startsWith(HOST_PREFIX)) return secured && cookie.domain === undefined && cookie.path === '/';
  return true;
}
