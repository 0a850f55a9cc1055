import { signIn, TestBrowser } from '@know-foolery/shared/browser';
import { asObject, parseJson, stringField } from './json-fields.js';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** A player signed in at the identity provider through the gateway: a session cookie and its CSRF token. */
export interface PlayerSession {
  readonly userId: string;
  readonly username: string;
  /** The Cookie header for the gateway: the session cookie and nothing a script could read. */
  readonly cookie: string;
  readonly csrfToken: string;
}

const SIGN_IN_PATH = '/api/v1/auth/sign-in';
const ME_PATH = '/api/v1/auth/me';
const CURRENT_SESSION_PATH = '/api/v1/sessions/current';
const EXCERPT_LENGTH = 300;

/**
 * Signs `credentials` in as a browser does (the shared test browser): the gateway's sign-in
 * redirects to the provider's login page, the password form is posted, the provider redirects back
 * to the gateway's callback, which opens the session and lands on `/api/v1/auth/me`. The CSRF token is then read as the web
 * client's page reads it. Fails saying where and what was answered.
 */
export async function signInPlayer(gatewayUrl: string, credentials: Credentials): Promise<PlayerSession> {
  const browser = new TestBrowser();
  const gateway = new URL(gatewayUrl);
  const landed = await signIn(browser, {
    start: new URL(`${SIGN_IN_PATH}?return_to=${ME_PATH}`, gateway),
    user: credentials,
  });
  const landedText = await landed.response.text();
  const me = asObject(parseJson(landedText));
  const userId = stringField(me, 'id');
  if (landed.url.pathname !== ME_PATH || !landed.response.ok || userId === undefined)
    throw new Error(
      `the sign-in did not land signed in: ${describe(landed.url, landed.response, landedText)}`,
    );

  const cookie = browser.jar.header(gateway) ?? '';
  const current = await fetch(new URL(CURRENT_SESSION_PATH, gateway), {
    headers: { cookie },
    signal: AbortSignal.timeout(15_000),
  });
  const currentText = await current.text();
  const csrfToken = stringField(asObject(parseJson(currentText)), 'csrfToken');
  if (!current.ok || csrfToken === undefined)
    throw new Error(
      `no CSRF token for the new session: ${describe(current.url === '' ? gateway : new URL(current.url), current, currentText)}`,
    );
  return { userId, username: credentials.username, cookie, csrfToken };
}

function describe(url: URL, response: Response, text: string): string {
  const words = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${url.href} (${response.status}): ${words.slice(0, EXCERPT_LENGTH)}`;
}
