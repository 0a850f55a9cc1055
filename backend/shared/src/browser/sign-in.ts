import { type HtmlForm, readForms } from './html-forms.js';
import type { TestBrowser, Visit } from './test-browser.js';

export interface SignInUser {
  readonly username: string;
  readonly password: string;
}

export interface SignInOptions {
  /** Where the sign-in starts: a client's sign-in link or an authorization URL, redirecting to the login page. */
  readonly start: string | URL;
  readonly user: SignInUser;
  /** The person's authenticator app: the code of the moment, asked for when the provider shows a `code` form. */
  readonly totp?: (() => string) | undefined;
  /** A redirect to a URL this answers true for is not followed: the sign-in ends with it (a client's callback). */
  readonly stopBefore?: ((url: URL) => boolean) | undefined;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const PAGE_EXCERPT_LENGTH = 500;

interface Page {
  readonly visit: Visit;
  readonly forms: readonly HtmlForm[];
  readonly text: string;
}

/**
 * Signs a person in through an identity provider's plain HTML login pages, as a browser without
 * script: from `start` to the form with a `password` field (filled with the username and
 * password), then, when the provider asks, the form with a `code` field (filled from `totp`).
 * Answers where the browser lands, its response still readable, or the redirect `stopBefore`
 * stopped at. Fails, saying what the page said, when the provider shows its form again (a wrong
 * password or code) or asks for a code nobody gave.
 */
export async function signIn(browser: TestBrowser, options: SignInOptions): Promise<Visit> {
  const stop = options.stopBefore === undefined ? {} : { stopBefore: options.stopBefore };
  const loginPage = await readPage(await browser.follow(options.start, stop));
  const login = formWith(loginPage, 'password');
  if (login === undefined) throw new Error(`no login form at ${describe(loginPage)}`);
  const afterPassword = await readPage(
    await browser.submit(login, { username: options.user.username, password: options.user.password }, stop),
  );
  if (formWith(afterPassword, 'password') !== undefined)
    throw new Error(`the password was refused at ${describe(afterPassword)}`);
  const codeForm = formWith(afterPassword, 'code');
  if (codeForm === undefined) return afterPassword.visit;
  if (options.totp === undefined)
    throw new Error(`a second-factor code was asked for and none given at ${describe(afterPassword)}`);
  const afterCode = await readPage(await browser.submit(codeForm, { code: options.totp() }, stop));
  if (formWith(afterCode, 'code') !== undefined)
    throw new Error(`the code was refused at ${describe(afterCode)}`);
  return afterCode.visit;
}

function formWith(page: Page, field: string): HtmlForm | undefined {
  return page.forms.find((form) => form.controls.some((control) => control.name === field));
}

/** An HTML page read for its forms, handed on with its body readable again; any other answer as it came. */
async function readPage(visit: Visit): Promise<Page> {
  const { response } = visit;
  if (!(response.headers.get('content-type') ?? '').includes('text/html')) {
    return { visit, forms: [], text: '' };
  }
  const text = await response.text();
  const again = new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  return { visit: { response: again, url: visit.url }, forms: readForms(text, visit.url), text };
}

function describe(page: Page): string {
  const words = page.text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${page.visit.url.href} (${page.visit.response.status}): ${words.slice(0, PAGE_EXCERPT_LENGTH)}`;
}
