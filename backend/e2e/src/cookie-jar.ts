/**
 * A browser's cookies for one site, as far as the tests need them: a Set-Cookie stores or replaces
 * a cookie, one with `Max-Age=0` (or less) or an `Expires` in the past removes it, and every
 * cookie held goes back in the Cookie header. Paths and domains are not told apart: the platform
 * sets its one cookie with `Path=/`.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Takes in every Set-Cookie header of a response. */
  store(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator);
      if (expired(attributes)) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(separator + 1));
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** The Cookie request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function expired(attributes: readonly string[]): boolean {
  for (const attribute of attributes) {
    const [key = '', value = ''] = attribute.split('=');
    if (key.toLowerCase() === 'max-age' && Number(value) <= 0) return true;
    if (key.toLowerCase() === 'expires' && Date.parse(value) <= Date.now()) return true;
  }
  return false;
}
