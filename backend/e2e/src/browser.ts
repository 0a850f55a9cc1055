import { TestBrowser } from '@know-foolery/shared/testing';
import { ok, type PublicApi, publicApi, type RecordingClient } from './api/client.js';
import type { operations } from './api/generated/public-api.js';

type TokenRequest = operations['issueDevToken']['requestBody']['content']['application/json'];
type Role = TokenRequest['roles'][number];

/** What the platform's web client does with a session cookie: the names session-service sets. */
const SESSION_COOKIE_NAMES = ['__Host-kf_session', 'kf_session'] as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SignIn {
  readonly gatewayUrl: string;
  /** The page's origin, sent as Origin on every request as a browser does across origins. */
  readonly origin: string;
  readonly subject: string;
  readonly name: string;
  readonly roles?: Role[];
  readonly client?: string;
}

/**
 * A browser signed in with a session cookie: the web client's page, calling the public API
 * through the gateway with the cookies of its test browser (`web`), its Origin and, on every
 * change, the session's CSRF token in X-CSRF-Token. The one bearer token it ever holds is the
 * development token it opens its session with (or none, signed in at the identity provider);
 * every request after that carries only the cookie.
 */
export class Browser {
  /** The browser the page runs in: its cookies, and where it goes to sign in. */
  readonly web: TestBrowser;
  /** Requests sent with an Authorization header after sign-in: none, ever. */
  readonly bearerRequestsAfterSignIn: string[] = [];
  readonly #gatewayUrl: string;
  readonly #client: RecordingClient;
  #csrfToken: string | null = null;
  #signedIn = false;

  constructor(gatewayUrl: string, origin: string, web = new TestBrowser()) {
    this.web = web;
    this.#gatewayUrl = gatewayUrl;
    this.#client = publicApi(gatewayUrl, undefined, web.fetch);
    this.#client.api.use({
      onRequest: ({ request }) => {
        if (this.#signedIn && request.headers.has('authorization'))
          this.bearerRequestsAfterSignIn.push(`${request.method} ${request.url}`);
        request.headers.set('origin', origin);
        if (!SAFE_METHODS.has(request.method) && this.#csrfToken !== null)
          request.headers.set('x-csrf-token', this.#csrfToken);
        return request;
      },
    });
  }

  /** A development token for the subject, then a session opened with it: from here on, only the cookie. */
  static async signIn(options: SignIn): Promise<Browser> {
    const { api } = publicApi(options.gatewayUrl);
    const body = { sub: options.subject, roles: options.roles ?? ['player'], name: options.name };
    const issued = ok(await api.POST('/api/v1/dev/token', { body }));
    const browser = new Browser(options.gatewayUrl, options.origin);
    await browser.openSession(`Bearer ${issued.accessToken}`, options.client);
    return browser;
  }

  get api(): PublicApi {
    return this.#client.api;
  }

  get csrfToken(): string | null {
    return this.#csrfToken;
  }

  /** The session cookie's value as the jar holds it, or undefined once it was cleared. */
  get sessionCookie(): string | undefined {
    for (const name of SESSION_COOKIE_NAMES) {
      const value = this.web.cookie(this.#gatewayUrl, name);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** Opens a session: with a bearer token when signing in, with the current cookie to rotate it. */
  async openSession(authorization?: string, client = 'e2e-browser') {
    const opened = ok(
      await this.api.POST('/api/v1/sessions', {
        body: { client },
        ...(authorization === undefined ? {} : { headers: { authorization } }),
      }),
    );
    this.#csrfToken = opened.csrfToken;
    this.#signedIn = true;
    return opened;
  }

  /** Takes up the session `web` signed in to (at the identity provider): its CSRF token, as the page loads it. */
  async adoptSession() {
    const current = ok(await this.api.GET('/api/v1/sessions/current'));
    this.#csrfToken = current.csrfToken;
    this.#signedIn = true;
    return current;
  }

  /** Whether any response this browser ever received contains the text. */
  hasSeen(text: string): boolean {
    return this.#client.exchanges.some((exchange) => exchange.text.includes(text));
  }
}
