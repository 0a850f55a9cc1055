import { createHash, randomBytes } from 'node:crypto';
import {
  formWithField,
  signIn as signInAtPages,
  TestBrowser,
  type Visit,
} from '@know-foolery/shared/testing';
import { type DevIdentityProvider, totpCode } from '../src/index.js';

export const CALLBACK = 'http://localhost:3000/api/v1/auth/callback';
export const FULL_SCOPE = 'openid profile email offline_access';

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface TokenSet {
  access_token: string;
  token_type: string;
  expires_in: number;
  id_token?: string;
  refresh_token?: string;
  scope?: string;
}

/** A token endpoint answer, checked field by field. */
export function tokenSetOf(body: unknown): TokenSet {
  if (typeof body !== 'object' || body === null)
    throw new Error(`not a token response: ${JSON.stringify(body)}`);
  const read = (name: string): unknown => (name in body ? Reflect.get(body, name) : undefined);
  const accessToken = read('access_token');
  const tokenType = read('token_type');
  const expiresIn = read('expires_in');
  if (typeof accessToken !== 'string' || typeof tokenType !== 'string' || typeof expiresIn !== 'number') {
    throw new Error(`not a token response: ${JSON.stringify(body)}`);
  }
  const optional = (name: string): string | undefined => {
    const value = read(name);
    return typeof value === 'string' ? value : undefined;
  };
  const set: TokenSet = { access_token: accessToken, token_type: tokenType, expires_in: expiresIn };
  const idToken = optional('id_token');
  const refreshToken = optional('refresh_token');
  const scope = optional('scope');
  if (idToken !== undefined) set.id_token = idToken;
  if (refreshToken !== undefined) set.refresh_token = refreshToken;
  if (scope !== undefined) set.scope = scope;
  return set;
}

export function basicAuth(client: ClientCredentials): string {
  return `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
}

export function postForm(
  url: string,
  form: Record<string, string>,
  authorization?: string,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: new URLSearchParams(form).toString(),
  });
}

export interface AuthorizationStart {
  url: string;
  codeVerifier: string;
  state: string;
}

export function authorizationUrl(
  provider: DevIdentityProvider,
  clientId: string,
  scope = FULL_SCOPE,
): AuthorizationStart {
  const codeVerifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('base64url');
  const url = new URL('/oauth/v2/authorize', provider.url);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope,
    state,
    nonce: randomBytes(8).toString('base64url'),
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.href, codeVerifier, state };
}

export interface Credentials {
  username: string;
  password: string;
  totpSecret?: string;
}

/** Stops a browser at redirects to `prefix` (the client's callback): the sign-in ends with them. */
export function stopAt(prefix: string): (url: URL) => boolean {
  return (url) => url.href.startsWith(prefix);
}

/** Where a redirect sends the browser; undefined when the visit ended on a page. */
export function redirectTarget(visit: Visit): URL | undefined {
  const location = visit.response.headers.get('location');
  return location === null ? undefined : new URL(location, visit.url);
}

/** Where the browser got to: a page (its HTML) or a redirect it stopped at (where it leads, `html` empty). */
export interface Reached {
  readonly url: URL;
  readonly html: string;
  readonly redirect: URL | undefined;
}

async function reached(visit: Visit): Promise<Reached> {
  const redirect = redirectTarget(visit);
  const html = redirect === undefined ? await visit.response.text() : '';
  return { url: visit.url, html, redirect };
}

/** Opens `url` in the browser, following redirects up to one to `callback`. */
export async function open(browser: TestBrowser, url: string, callback = CALLBACK): Promise<Reached> {
  return reached(await browser.follow(url, { stopBefore: stopAt(callback) }));
}

export interface FillInOptions {
  /** The name of the button pressed; the form's first submit button otherwise. */
  readonly submitter?: string;
  readonly callback?: string;
}

/** Submits the page's form with a control named `field`, filled in with `values`; fails when there is none. */
export async function fillIn(
  browser: TestBrowser,
  page: Reached,
  field: string,
  values: Readonly<Record<string, string>>,
  options: FillInOptions = {},
): Promise<Reached> {
  const form = formWithField(page.html, page.url, field);
  if (form === undefined) throw new Error(`no form with ${field} at ${page.url.href}:\n${page.html}`);
  const submitter = options.submitter === undefined ? {} : { submitter: options.submitter };
  const stopBefore = stopAt(options.callback ?? CALLBACK);
  return reached(await browser.submit(form, values, { ...submitter, stopBefore }));
}

/**
 * Signs in through the provider's pages as a person would (password, then a TOTP code when the
 * user has a secret), and answers the client's callback URL with its code.
 */
export async function signIn(
  provider: DevIdentityProvider,
  clientId: string,
  credentials: Credentials,
  scope = FULL_SCOPE,
  browser = new TestBrowser(),
): Promise<{ callback: URL; codeVerifier: string; state: string }> {
  const start = authorizationUrl(provider, clientId, scope);
  const { totpSecret } = credentials;
  const landed = await signInAtPages(browser, {
    start: start.url,
    user: credentials,
    totp: totpSecret === undefined ? undefined : () => totpCode(totpSecret),
    stopBefore: stopAt(CALLBACK),
  });
  const callback = redirectTarget(landed);
  if (callback === undefined) {
    throw new Error(`the sign-in ended on a page, not the callback: ${await landed.response.text()}`);
  }
  return { callback, codeVerifier: start.codeVerifier, state: start.state };
}

export async function exchangeCode(
  provider: DevIdentityProvider,
  client: ClientCredentials,
  callback: URL,
  codeVerifier: string,
): Promise<TokenSet> {
  const response = await postForm(
    new URL('/oauth/v2/token', provider.url).href,
    {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: CALLBACK,
      code_verifier: codeVerifier,
    },
    basicAuth(client),
  );
  const body: unknown = await response.json();
  if (response.status !== 200)
    throw new Error(`token exchange failed ${response.status}: ${JSON.stringify(body)}`);
  return tokenSetOf(body);
}

export async function signInForTokens(
  provider: DevIdentityProvider,
  client: ClientCredentials,
  credentials: Credentials,
  scope = FULL_SCOPE,
): Promise<TokenSet> {
  const { callback, codeVerifier } = await signIn(provider, client.clientId, credentials, scope);
  return exchangeCode(provider, client, callback, codeVerifier);
}
