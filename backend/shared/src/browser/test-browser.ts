import { type Clock, systemClock } from '../utils/index.js';
import { CookieJar } from './cookie-jar.js';
import { formEntries, type HtmlForm } from './html-forms.js';

/** Where a request ended up: the response (its body unread) and the URL it came from. */
export interface Visit {
  readonly response: Response;
  readonly url: URL;
}

/** One response the browser received, as `history` keeps it. */
export interface VisitRecord {
  readonly method: string;
  readonly url: URL;
  readonly status: number;
  readonly setCookies: string[];
}

export interface RequestOptions {
  /** GET, or POST when there is a form to send. */
  readonly method?: string;
  /** A form to send (application/x-www-form-urlencoded). */
  readonly form?: Readonly<Record<string, string>> | URLSearchParams;
  /** A body sent as it is, its content-type among `headers`; not with `form`. */
  readonly body?: string;
  /** Headers of the first request only, as a page's script would add them. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FollowOptions extends RequestOptions {
  /** A redirect to a URL this answers true for is not followed: the visit ends with the redirect. */
  readonly stopBefore?: (url: URL) => boolean;
}

export interface SubmitOptions {
  /** The name of the button pressed; the form's first submit button otherwise. */
  readonly submitter?: string;
  readonly stopBefore?: (url: URL) => boolean;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
const FORM_TYPE = 'application/x-www-form-urlencoded';

interface Outgoing {
  readonly method: string;
  readonly body: string | ArrayBuffer | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A browser for tests, without script: a cookie jar (see `CookieJar`), redirects followed, forms
 * read and submitted, and `fetch` for an API client that should share its cookies. `aliases`
 * stand in for DNS and port forwarding: `{ 'http://localhost:3000': 'http://127.0.0.1:41234' }`
 * sends what is addressed to the first origin to the second, and cookies belong to the second.
 * Every response is kept in `history`.
 */
export class TestBrowser {
  readonly jar: CookieJar;
  readonly history: VisitRecord[] = [];
  readonly #aliases: ReadonlyMap<string, string>;

  constructor(aliases: Readonly<Record<string, string>> = {}, clock: Clock = systemClock) {
    this.#aliases = new Map(Object.entries(aliases));
    this.jar = new CookieJar(clock);
  }

  /** `url` as this browser reaches it: an alias's origin replaced by where it points. */
  resolve(url: string | URL): URL {
    const target = new URL(url);
    const alias = this.#aliases.get(target.origin);
    return alias === undefined ? target : new URL(`${target.pathname}${target.search}${target.hash}`, alias);
  }

  /** The Cookie header this browser sends to `url` ('' when none). */
  cookieHeader(url: string | URL): string {
    return this.jar.header(this.resolve(url)) ?? '';
  }

  /** The value of the cookie `name` a request to `url` carries, if any. */
  cookie(url: string | URL, name: string): string | undefined {
    return this.jar.get(this.resolve(url), name);
  }

  /** Puts a cookie in the jar as the site at `url` would set it (`Path=/`): for replaying or forging one. */
  setCookie(url: string | URL, name: string, value: string): void {
    this.jar.store([`${name}=${value}; Path=/`], this.resolve(url));
  }

  /** One request, no redirect followed. */
  async request(url: string | URL, options: RequestOptions = {}): Promise<Visit> {
    return this.#send(this.resolve(url), outgoingOf(options));
  }

  /** Requests `url`, then follows redirects until a response that is none, or one `stopBefore` names. */
  async follow(url: string | URL, options: FollowOptions = {}): Promise<Visit> {
    let sent = outgoingOf(options);
    let visit = await this.#send(this.resolve(url), sent);
    for (let hops = 0; REDIRECT_STATUSES.has(visit.response.status); hops += 1) {
      if (hops >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects from ${String(url)}`);
      const location = visit.response.headers.get('location');
      if (location === null)
        throw new Error(`a ${visit.response.status} without Location from ${visit.url.href}`);
      const next = new URL(location, visit.url);
      if (options.stopBefore?.(next) === true) return visit;
      await visit.response.body?.cancel();
      sent = redirected(sent, visit.response.status);
      visit = await this.#send(this.resolve(next), sent);
    }
    return visit;
  }

  /** Submits `form` (see `formEntries` for `values` and `submitter`) and follows where it leads. */
  async submit(
    form: HtmlForm,
    values: Readonly<Record<string, string>> = {},
    options: SubmitOptions = {},
  ): Promise<Visit> {
    const entries = formEntries(form, values, options.submitter);
    const stop = options.stopBefore === undefined ? {} : { stopBefore: options.stopBefore };
    if (form.method === 'POST') return this.follow(form.action, { ...stop, form: entries });
    const target = new URL(form.action);
    target.search = entries.toString();
    return this.follow(target, stop);
  }

  /**
   * `fetch` for a client of an API on the sites this browser visits (openapi-fetch's `fetch`
   * option): the request goes out with this browser's cookies and its Set-Cookie is kept; no
   * redirect is followed.
   */
  readonly fetch = async (request: Request): Promise<Response> => {
    const visit = await this.#send(this.resolve(request.url), {
      method: request.method,
      body: request.body === null ? undefined : await request.arrayBuffer(),
      headers: Object.fromEntries(request.headers),
    });
    return visit.response;
  };

  async #send(target: URL, outgoing: Outgoing): Promise<Visit> {
    const cookie = this.jar.header(target);
    const response = await fetch(target, {
      method: outgoing.method,
      redirect: 'manual',
      headers: { ...outgoing.headers, ...(cookie === undefined ? {} : { cookie }) },
      ...(outgoing.body === undefined ? {} : { body: outgoing.body }),
    });
    const setCookies = response.headers.getSetCookie();
    this.jar.store(setCookies, target);
    this.history.push({ method: outgoing.method, url: target, status: response.status, setCookies });
    return { response, url: target };
  }
}

function outgoingOf(options: RequestOptions): Outgoing {
  if (options.form !== undefined && options.body !== undefined)
    throw new Error('a request sends a form or a body, not both');
  const form = options.form === undefined ? undefined : new URLSearchParams(options.form).toString();
  return {
    method: options.method ?? (form === undefined && options.body === undefined ? 'GET' : 'POST'),
    body: form ?? options.body,
    headers: { ...(form === undefined ? {} : { 'content-type': FORM_TYPE }), ...options.headers },
  };
}

/**
 * The request a redirect leads to (Fetch, "HTTP-redirect fetch"): 307 and 308 repeat it; 303, and
 * 301 or 302 after a POST, become a GET without a body. A page's own headers stay behind.
 */
function redirected(previous: Outgoing, status: number): Outgoing {
  const keepsMethod = status === 307 || status === 308;
  const becomesGet = !keepsMethod && (status === 303 || previous.method === 'POST');
  if (!becomesGet) {
    const contentType = previous.headers['content-type'];
    const headers: Record<string, string> =
      previous.body === undefined || contentType === undefined ? {} : { 'content-type': contentType };
    return { method: previous.method, body: previous.body, headers };
  }
  return { method: previous.method === 'HEAD' ? 'HEAD' : 'GET', body: undefined, headers: {} };
}
