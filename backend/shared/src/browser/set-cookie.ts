export type SameSite = 'Strict' | 'Lax' | 'None';

/** One Set-Cookie header as RFC 6265 section 5.2 reads it; what each attribute means is the jar's business. */
export interface SetCookie {
  readonly name: string;
  readonly value: string;
  /** Seconds; zero or less ends the cookie at once. Wins over `expires` when both are given. */
  readonly maxAgeSeconds: number | undefined;
  readonly expires: Date | undefined;
  /** Lower case, without a leading dot. */
  readonly domain: string | undefined;
  /** Only a value starting with `/`: any other falls back to the default path. */
  readonly path: string | undefined;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: SameSite | undefined;
}

const SAME_SITE: ReadonlyMap<string, SameSite> = new Map([
  ['strict', 'Strict'],
  ['lax', 'Lax'],
  ['none', 'None'],
]);

/** Max-Age is digits after an optional minus sign; anything else leaves the attribute out (RFC 6265 5.2.2). */
const MAX_AGE = /^-?\d+$/;

/** The cookie a Set-Cookie header line sets, or undefined for a line a browser ignores (no `=`, no name). */
export function parseSetCookie(line: string): SetCookie | undefined {
  const [pair = '', ...attributes] = line.split(';');
  const separator = pair.indexOf('=');
  if (separator < 0) return undefined;
  const name = pair.slice(0, separator).trim();
  if (name === '') return undefined;
  let cookie: SetCookie = {
    name,
    value: pair.slice(separator + 1).trim(),
    maxAgeSeconds: undefined,
    expires: undefined,
    domain: undefined,
    path: undefined,
    secure: false,
    httpOnly: false,
    sameSite: undefined,
  };
  // A later occurrence of an attribute replaces an earlier one, as browsers read them.
  for (const attribute of attributes) cookie = { ...cookie, ...readAttribute(attribute) };
  return cookie;
}

function readAttribute(attribute: string): Partial<SetCookie> {
  const separator = attribute.indexOf('=');
  const key = (separator < 0 ? attribute : attribute.slice(0, separator)).trim().toLowerCase();
  const value = separator < 0 ? '' : attribute.slice(separator + 1).trim();
  switch (key) {
    case 'max-age':
      return MAX_AGE.test(value) ? { maxAgeSeconds: Number(value) } : {};
    case 'expires': {
      const time = Date.parse(value);
      return Number.isNaN(time) ? {} : { expires: new Date(time) };
    }
    case 'domain':
      return value === '' ? {} : { domain: value.replace(/^\./, '').toLowerCase() };
    case 'path':
      return { path: value.startsWith('/') ? value : undefined };
    case 'secure':
      return { secure: true };
    case 'httponly':
      return { httpOnly: true };
    case 'samesite': {
      const sameSite = SAME_SITE.get(value.toLowerCase());
      return sameSite === undefined ? {} : { sameSite };
    }
    default:
      return {};
  }
}
